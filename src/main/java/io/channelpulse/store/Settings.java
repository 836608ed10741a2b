package io.channelpulse.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The small app-wide values of the settings table (a generated admin password's hash, the digest's signing key),
 * each made once for every instance on the database.
 */
@ApplicationScoped
public class Settings {

    /** A setting's value, and whether this call stored it (so it alone may announce a generated secret). */
    public record Setting(String value, boolean created) {
    }

    /**
     * The stored value of {@code key}, storing {@code initial}'s first when there is none. Two instances starting at
     * once both offer a value; the insert that does nothing waits for the other's to commit, so both then read the
     * one that won.
     */
    public Setting getOrCreate(String key, Supplier<String> initial) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean created = AppSetting.insertIfAbsent(key, initial.get());
            // a second statement: its snapshot is taken after the winning insert committed
            AppSetting stored = AppSetting.findById(key);
            return new Setting(stored.content, created);
        });
    }
}
