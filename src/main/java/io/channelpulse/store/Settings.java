package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    @Inject
    DataSource dataSource;

    /**
     * The stored value of {@code key}, storing {@code initial}'s first when there is none. Two instances starting at
     * once both offer a value; the insert that does nothing waits for the other's to commit, so both then read the
     * one that won.
     */
    public Setting getOrCreate(String key, Supplier<String> initial) {
        try (Connection connection = dataSource.getConnection()) {
            boolean created;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, key);
                insert.setString(2, initial.get());
                created = insert.executeUpdate() == 1;
            }
            // a second statement: its snapshot is taken after the winning insert committed
            try (PreparedStatement query = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return new Setting(rs.getString(1), created);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read or store the setting " + key, e);
        }
    }
}
