package io.channelpulse.admin;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
    DataSource dataSource;

    private volatile String storedHash;

    @Transactional
    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (config.password().filter(p -> !p.isBlank()).isPresent()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            String generated = PasswordHash.generate();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, SETTING);
                insert.setString(2, PasswordHash.of(generated));
                if (insert.executeUpdate() == 1) {
                    Log.warnf("%n%n    Generated the admin password (shown only this once): %s%n"
                            + "    Set pulse.admin.password (PULSE_ADMIN_PASSWORD) to choose your own.%n", generated);
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                query.setString(1, SETTING);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    storedHash = rs.getString(1);
                }
            }
        }
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
