package io.channelpulse.analytics;

import io.channelpulse.network.PostCitations;
import io.channelpulse.store.Rollups;
import io.channelpulse.store.CountingState;
import io.channelpulse.store.RecountedPosts;
import io.channelpulse.store.StoreException;
import io.channelpulse.terms.TermCounting;
import io.channelpulse.terms.TermDelta;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rollups are by local day, so they belong to one {@code pulse.timezone}. When the zone differs at start from the
 * one they were counted in, they are emptied and counted again from the posts, the way ingestion counts
 * ({@link Counting}), in batches in the background while the app serves (see {@link MentionRecount}). The cursor
 * of the rebuild is in the database (rollup_zone): a restart goes on where it stopped, and ingestion meanwhile
 * counts only the posts the rebuild has passed, so every post is counted once.
 */
@ApplicationScoped
public class RollupTimezone {

    /** What one batch did: how many posts it counted, and whether the rebuild is over. */
    public record Step(int posts, boolean finished) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    io.channelpulse.store.Sql db;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    Watchlist watchlist;

    @Inject
    MentionRecount recount;

    @Inject
    TermCounting termCounting;

    void onStart(@Observes StartupEvent event) {
        begin(analytics.timezone());
        if (state().rebuilding()) {
            recount.rebuildZone();
        }
    }

    /**
     * Empties the rollups to count them again in {@code zone}, unless they are counted in it already (or being
     * rebuilt for it). True if a rebuild began; the batches of {@link #step} do the counting.
     */
    public boolean begin(ZoneId zone) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                String counted;
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT zone FROM rollup_zone FOR UPDATE")) {
                    rs.next();
                    counted = rs.getString(1);
                }
                if (zone.getId().equals(counted)) {
                    return false;
                }
                boolean rebuild = counted != null || hasPosts(connection);
                if (rebuild) {
                    Log.infof("Counting by day in %s (was %s): rebuilding the rollups from the posts in the background",
                            zone, counted == null ? "not recorded" : counted);
                    Rollups.clear(connection);
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE rollup_zone SET zone = ?, "
                        + "rebuilding = ?, cursor_channel = 0, cursor_post = 0, started_at = now()")) {
                    update.setString(1, zone.getId());
                    update.setBoolean(2, rebuild);
                    update.executeUpdate();
                }
                return rebuild;
            }
        });
    }

    /** Counts the next batch of at most {@code limit} posts of the rebuild, in its own transaction. */
    public Step step(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                CountingState seen = read(connection, CountingState.Lock.NONE);
                if (!seen.rebuilding()) {
                    return new Step(0, true);
                }
                if (seen.cursorChannel() > 0) {
                    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        lock.setLong(1, seen.cursorChannel());
                        lock.execute();
                    }
                }
                if (!read(connection, CountingState.Lock.UPDATE).equals(seen)) {
                    return new Step(0, false);
                }
                int posts = seen.cursorChannel() > 0 ? countBatch(connection, seen, limit) : 0;
                if (posts > 0) {
                    return new Step(posts, false);
                }
                Long next = nextChannel(connection, seen.cursorChannel());
                // past the last channel the rebuild is over: every post, also of channels added since, is counted
                try (PreparedStatement update = connection.prepareStatement("UPDATE rollup_zone SET "
                        + "rebuilding = ?, cursor_channel = ?, cursor_post = 0")) {
                    update.setBoolean(1, next != null);
                    update.setLong(2, next == null ? 0 : next);
                    update.executeUpdate();
                }
                if (next == null) {
                    Log.infof("The rollups are counted in %s", seen.zone());
                }
                return new Step(0, next == null);
            }
        });
    }

    /** The zone and cursor as stored. */
    public CountingState state() {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, CountingState.Lock.NONE);
        } catch (SQLException e) {
            throw new StoreException("Could not read the rollup zone", e);
        }
    }

    /** How many posts the rebuild has counted so far, also before a restart. */
    long countedPosts() {
        CountingState state = state();
        long[] count = new long[1];
        db.forEach("SELECT count(*) FROM posts WHERE (channel_id, id) <= (?, ?)",
                List.of(state.cursorChannel(), state.cursorPost()), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    /** What pages say while the counts are rebuilt, or empty. */
    public Optional<String> rebuildNotice() {
        CountingState state = state();
        if (!state.rebuilding()) {
            return Optional.empty();
        }
        MentionRecount.Progress progress = recount.progress();
        String sofar = progress.what().equals(MentionRecount.TIME_ZONE) && progress.total() > 0
                ? String.format(" (%,d of %,d posts so far)", progress.done(), progress.total()) : "";
        return Optional.of("The counts are being rebuilt for the time zone " + state.zone() + sofar
                + "; until that is done they are incomplete.");
    }

    private int countBatch(Connection connection, CountingState state, int limit) throws SQLException {
        NameMatcher names = watchlist.current(connection);
        RecountedPosts recounted = new RecountedPosts(state.cursorChannel(), state.zone());
        TermDelta terms = termCounting.delta(state.cursorChannel(), state.zone());
        long last = state.cursorPost();
        int posts = 0;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id, text, links, kind, published_at, views, forwarded_handle, hashtags, mentions FROM posts
                WHERE channel_id = ? AND id > ? ORDER BY id LIMIT ?""")) {
            query.setLong(1, state.cursorChannel());
            query.setLong(2, state.cursorPost());
            query.setInt(3, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    posts++;
                    List<String> links = strings(rs.getArray(3));
                    boolean service = rs.getString(4).equals("service");
                    PostFacts facts = Counting.facts(rs.getString(2), links, rs.getString(7),
                            rs.getTimestamp(5).toInstant(), service, names, state.zone());
                    recounted.count(last, facts, PostCitations.of(rs.getString(2), links, rs.getString(7), service),
                            (Long) rs.getObject(6), strings(rs.getArray(8)), strings(rs.getArray(9)));
                    terms.recount(facts, rs.getString(2), rs.getTimestamp(5).toInstant());
                }
            }
        }
        recounted.write(connection);
        terms.write(connection);
        terms.writeTotals(connection);
        try (PreparedStatement update = connection.prepareStatement("UPDATE rollup_zone SET cursor_post = ?")) {
            update.setLong(1, last);
            update.executeUpdate();
        }
        return posts;
    }

    private CountingState read(Connection connection, CountingState.Lock lock) throws SQLException {
        return CountingState.read(connection, analytics.timezone(), lock);
    }

    private static Long nextChannel(Connection connection, long after) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT min(id) FROM channels WHERE id > ?")) {
            query.setLong(1, after);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static boolean hasPosts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM posts)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
