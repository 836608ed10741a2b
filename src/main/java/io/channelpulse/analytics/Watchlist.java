package io.channelpulse.analytics;

import io.channelpulse.store.Sql;
import io.channelpulse.store.WatchlistEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The watched entities ({@link WatchlistEntry} rows, edited by admins), and the matcher compiled from them
 * that ingestion uses. A change swaps the matcher at once; {@link MentionRecount} brings history in line.
 */
@ApplicationScoped
public class Watchlist {

    private static final String VERSION = "SELECT version FROM watchlist_version";

    @Inject
    Sql db;

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
     * since. Counting calls it under the channel lock, in the transaction that stores the page, so a change
     * committed before a page is counted is used for it, and one committed after is covered by the recount the
     * change started. It reads through the storing transaction's connection, which {@code PostStore} hands it.
     */
    public NameMatcher current(Connection connection) throws SQLException {
        long version;
        try (PreparedStatement query = connection.prepareStatement(VERSION);
             ResultSet rs = query.executeQuery()) {
            version = rs.next() ? rs.getLong(1) : 0;
        }
        Compiled known = compiled;
        if (known.version() == version) {
            return known.matcher();
        }
        List<WatchedEntity> entities = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT key, label, aliases FROM watched_entities ORDER BY key");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                entities.add(new WatchedEntity(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())));
            }
        }
        return compile(version, entities);
    }

    @Transactional
    public List<WatchedEntity> entities() {
        return WatchlistEntry.listByKey().stream().map(Watchlist::read).toList();
    }

    /** One entity, read by its key rather than picked out of the whole list. */
    @Transactional
    public Optional<WatchedEntity> find(String key) {
        return WatchlistEntry.<WatchlistEntry>findByIdOptional(key).map(Watchlist::read);
    }

    /** Creates or replaces an entity; true if it is new. */
    @Transactional
    public boolean save(WatchedEntity entity) {
        WatchlistEntry.lockKey(entity.key());
        Optional<WatchlistEntry> stored = WatchlistEntry.findByIdOptional(entity.key());
        WatchlistEntry entry = stored.orElseGet(WatchlistEntry::new);
        entry.key = entity.key();
        entry.label = entity.label();
        entry.aliases = entity.aliases();
        entry.updatedAt = Instant.now();
        if (stored.isEmpty()) {
            entry.persist();
        }
        return stored.isEmpty();
    }

    @Transactional
    public boolean delete(String key) {
        return WatchlistEntry.deleteById(key);
    }

    /** Compiles the matcher from what is stored now. */
    public void reload() {
        QuarkusTransaction.joiningExisting().run(() -> {
            long version = db.query(VERSION).first(row -> row.getLong(1)).orElse(0L);
            if (compiled.version() != version) {
                compile(version, entities());
            }
        });
    }

    private NameMatcher compile(long version, List<WatchedEntity> entities) {
        Compiled fresh = new Compiled(version, NameMatcher.of(entities));
        compiled = fresh;
        return fresh.matcher();
    }

    private static WatchedEntity read(WatchlistEntry entry) {
        return new WatchedEntity(entry.key, entry.label, entry.aliases);
    }
}
