package io.channelpulse.analytics;

import io.channelpulse.store.StoreException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The watched entities, kept in the database and edited by admins, and the matcher compiled from them
 * that ingestion uses. A change swaps the matcher at once; {@link MentionRecount} brings history in line.
 */
@ApplicationScoped
public class Watchlist {

    @Inject
    DataSource dataSource;

    private volatile NameMatcher matcher = NameMatcher.of(List.of());

    @PostConstruct
    void load() {
        reload();
    }

    public NameMatcher matcher() {
        return matcher;
    }

    public List<WatchedEntity> entities() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key, label, aliases FROM watched_entities ORDER BY key");
             ResultSet rs = query.executeQuery()) {
            List<WatchedEntity> entities = new ArrayList<>();
            while (rs.next()) {
                entities.add(new WatchedEntity(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())));
            }
            return entities;
        } catch (SQLException e) {
            throw new StoreException("Could not read the watchlist", e);
        }
    }

    public Optional<WatchedEntity> find(String key) {
        return entities().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** Creates or replaces an entity; true if it is new. */
    @Transactional
    public boolean save(WatchedEntity entity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO watched_entities (key, label, aliases) VALUES (?, ?, ?)
                     ON CONFLICT (key) DO UPDATE SET label = EXCLUDED.label, aliases = EXCLUDED.aliases,
                         updated_at = now()
                     RETURNING (xmax = 0)""")) {
            Array aliases = connection.createArrayOf("text", entity.aliases().toArray(String[]::new));
            upsert.setString(1, entity.key());
            upsert.setString(2, entity.label());
            upsert.setArray(3, aliases);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not save watched entity " + entity.key(), e);
        }
    }

    @Transactional
    public boolean delete(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM watched_entities WHERE key = ?")) {
            delete.setString(1, key);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Could not delete watched entity " + key, e);
        }
    }

    /** Compiles the matcher from what is stored now. */
    public void reload() {
        matcher = NameMatcher.of(entities());
    }
}
