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

    /** A matcher and the watchlist version it was compiled from. */
    private record Compiled(long version, NameMatcher matcher) {
    }

    private volatile Compiled compiled = new Compiled(-1, NameMatcher.of(List.of()));

    @PostConstruct
    void load() {
        reload();
    }

    /**
     * The matcher of the watchlist as stored now, recompiled if another instance (or this one) changed it
     * since. Counting calls it under the channel lock, so a change committed before a page is counted is used
     * for it, and one committed after is covered by the recount the change started.
     */
    public NameMatcher current(Connection connection) throws SQLException {
        long version;
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM watchlist_version");
             ResultSet rs = query.executeQuery()) {
            version = rs.next() ? rs.getLong(1) : 0;
        }
        Compiled known = compiled;
        if (known.version() == version) {
            return known.matcher();
        }
        Compiled fresh = new Compiled(version, NameMatcher.of(entities(connection)));
        compiled = fresh;
        return fresh.matcher();
    }

    public List<WatchedEntity> entities() {
        try (Connection connection = dataSource.getConnection()) {
            return entities(connection);
        } catch (SQLException e) {
            throw new StoreException("Could not read the watchlist", e);
        }
    }

    private static List<WatchedEntity> entities(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                     "SELECT key, label, aliases FROM watched_entities ORDER BY key")) {
            return read(query);
        }
    }

    /** One entity, read by its key rather than picked out of the whole list. */
    public Optional<WatchedEntity> find(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key, label, aliases FROM watched_entities WHERE key = ?")) {
            query.setString(1, key);
            return read(query).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("Could not read watched entity " + key, e);
        }
    }

    private static List<WatchedEntity> read(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            List<WatchedEntity> entities = new ArrayList<>();
            while (rs.next()) {
                entities.add(new WatchedEntity(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())));
            }
            return entities;
        }
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
        try (Connection connection = dataSource.getConnection()) {
            current(connection);
        } catch (SQLException e) {
            throw new StoreException("Could not read the watchlist", e);
        }
    }
}
