package io.channelpulse.admin;

import io.channelpulse.store.Settings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin password: {@code pulse.admin.password} when set; otherwise one generated at the first start,
 * stored as a hash (the first instance to store it wins), and printed once in the log.
 */
@ApplicationScoped
public class AdminPassword {

    static final String USER = "admin";
    private static final String SETTING = "admin.password-hash";

    @Inject
    AdminConfig config;

    @Inject
    Settings settings;

    private volatile String storedHash;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (config.password().filter(p -> !p.isBlank()).isPresent()) {
            return;
        }
        String generated = PasswordHash.generate();
        Settings.Setting stored = settings.getOrCreate(SETTING, () -> PasswordHash.of(generated));
        if (stored.created()) {
            Log.warnf("%n%n    Generated the admin password (shown only this once): %s%n"
                    + "    Set pulse.admin.password (PULSE_ADMIN_PASSWORD) to choose your own.%n", generated);
        }
        storedHash = stored.value();
    }

    public boolean accepts(String user, String password) {
        if (!USER.equals(user) || password == null) {
            return false;
        }
        String configured = config.password().filter(p -> !p.isBlank()).orElse(null);
        if (configured != null) {
            return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        return storedHash != null && PasswordHash.matches(password, storedHash);
    }
}
