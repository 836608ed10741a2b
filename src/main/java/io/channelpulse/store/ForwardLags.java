package io.channelpulse.store;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.LagSketch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Adds forward lags to daily_forward_lags. A lag needs both posts, so it goes in when the later of the two is
 * stored: a new forward whose source is stored, or a new post that stored forwards cite. Each forward's lag goes
 * in once: the two writers of a source handle's lags take one advisory lock on it, so of a forward and its source
 * stored at the same time exactly one sees the other, and the rebuild adds the lags of the forwards it counts.
 */
final class ForwardLags {

    /** The key space of the per-handle locks, apart from the channel locks (single bigint keys). */
    private static final int HANDLE_LOCKS = 17;

    private record Key(long channelId, LocalDate day, String target, int bucket) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::channelId)
            .thenComparing(Key::day).thenComparing(Key::target).thenComparingInt(Key::bucket);

    private final Map<Key, Integer> lags = new TreeMap<>(ORDER);
    private final ZoneId zone;

    private ForwardLags(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The lags the posts new to a channel complete, for the forwards the rollups hold ({@code counting}); call
     * after the posts are written, under the channel lock.
     */
    static void ofAdded(Connection connection, long channelId, List<ParsedPost> added, CountingState counting)
            throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        Long[] ids = added.stream().map(ParsedPost::id).toArray(Long[]::new);
        String[] sources = added.stream().filter(p -> p.forwardedFrom() != null && p.forwardedFrom().handle() != null)
                .map(p -> p.forwardedFrom().handle().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
        lockHandles(connection, channelId, sources);
        ForwardLags lags = new ForwardLags(counting.zone());
        lags.forwardsAmong(connection, channelId, ids, counting::counted);
        lags.forwardsOf(connection, channelId, ids, counting::counted);
        lags.write(connection);
    }

    /** The lags of the forwards among a batch the rebuild counts; it holds every writer off, so it needs no lock. */
    static void ofRecounted(Connection connection, long channelId, Long[] ids, ZoneId zone) throws SQLException {
        ForwardLags lags = new ForwardLags(zone);
        lags.forwardsAmong(connection, channelId, ids, (channel, post) -> true);
        lags.write(connection);
    }

    /**
     * Before a channel is purged: its posts stop being stored sources, so the lags of the forwards of them go, as a
     * recount would leave them out. Under the handle's lock, like every other writer of those lags.
     */
    static void forgetSource(Connection connection, long channelId) throws SQLException {
        lockHandles(connection, channelId, new String[0]);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM daily_forward_lags WHERE target = (SELECT lower(handle) FROM channels WHERE id = ?)");
             PreparedStatement deleteMonths = connection.prepareStatement(
                "DELETE FROM monthly_forward_lags WHERE target = (SELECT lower(handle) FROM channels WHERE id = ?)")) {
            delete.setLong(1, channelId);
            delete.executeUpdate();
            deleteMonths.setLong(1, channelId);
            deleteMonths.executeUpdate();
        }
    }

    /** The channel's own handle (its posts may be sources) and the handles its new posts forward, in lock order. */
    private static void lockHandles(Connection connection, long channelId, String[] sources) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT pg_advisory_xact_lock(?, key) FROM (
                    SELECT DISTINCT hashtext(handle) AS key FROM (
                        SELECT unnest(?::text[]) AS handle UNION SELECT lower(handle) FROM channels WHERE id = ?) handles
                    ORDER BY key OFFSET 0) keys""")) {
            lock.setInt(1, HANDLE_LOCKS);
            lock.setArray(2, connection.createArrayOf("text", sources));
            lock.setLong(3, channelId);
            lock.execute();
        }
    }

    /** Forwards among the channel's posts {@code ids} whose source post is stored. */
    private void forwardsAmong(Connection connection, long channelId, Long[] ids, BiPredicate<Long, Long> counted)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT f.channel_id, f.id, f.published_at, s.published_at, lower(f.forwarded_handle)
                FROM posts f JOIN channels c ON lower(c.handle) = lower(f.forwarded_handle)
                JOIN posts s ON s.channel_id = c.id AND s.id = f.forwarded_post_id
                WHERE f.channel_id = ? AND f.id = ANY (?) AND f.kind = 'post' AND f.forwarded_handle IS NOT NULL""")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("bigint", ids));
            read(query, counted);
        }
    }

    /** Stored forwards, outside {@code ids} of the channel itself, of the channel's posts {@code ids}. */
    private void forwardsOf(Connection connection, long channelId, Long[] ids, BiPredicate<Long, Long> counted)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT f.channel_id, f.id, f.published_at, s.published_at, lower(f.forwarded_handle)
                FROM posts s JOIN channels c ON c.id = s.channel_id
                JOIN posts f ON lower(f.forwarded_handle) = lower(c.handle) AND f.forwarded_post_id = s.id
                WHERE s.channel_id = ? AND s.id = ANY (?) AND f.kind = 'post' AND f.forwarded_handle IS NOT NULL
                  AND NOT (f.channel_id = ? AND f.id = ANY (?))""")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("bigint", ids));
            query.setLong(3, channelId);
            query.setArray(4, connection.createArrayOf("bigint", ids));
            read(query, counted);
        }
    }

    private void read(PreparedStatement query, BiPredicate<Long, Long> counted) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                long channel = rs.getLong(1);
                if (!counted.test(channel, rs.getLong(2))) {
                    continue;
                }
                Instant forwarded = rs.getTimestamp(3).toInstant();
                long lag = forwarded.getEpochSecond() - rs.getTimestamp(4).toInstant().getEpochSecond();
                lags.merge(new Key(channel, LocalDate.ofInstant(forwarded, zone), rs.getString(5), LagSketch.bucket(lag)),
                        1, Integer::sum);
            }
        }
    }

    private void write(Connection connection) throws SQLException {
        if (lags.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(lags.keySet());
        Array[] columns = {
                connection.createArrayOf("bigint", keys.stream().map(Key::channelId).toArray()),
                connection.createArrayOf("date", keys.stream().map(k -> Date.valueOf(k.day())).toArray()),
                connection.createArrayOf("text", keys.stream().map(Key::target).toArray()),
                connection.createArrayOf("smallint", keys.stream().map(k -> (short) k.bucket()).toArray()),
                connection.createArrayOf("integer", keys.stream().map(lags::get).toArray())};
        // In key order, months too, so two writers of the same rows (a forward and its source) take them in one order.
        upsert(connection, columns, """
                INSERT INTO daily_forward_lags (channel_id, day, target, bucket, forwards)
                SELECT channel_id, day, target, bucket, forwards
                FROM unnest(?::bigint[], ?::date[], ?::text[], ?::smallint[], ?::int[]) WITH ORDINALITY
                    AS lag (channel_id, day, target, bucket, forwards, position) ORDER BY position
                ON CONFLICT (channel_id, day, target, bucket) DO UPDATE SET
                    forwards = daily_forward_lags.forwards + EXCLUDED.forwards""");
        upsert(connection, columns, """
                INSERT INTO monthly_forward_lags (channel_id, month, target, bucket, forwards)
                SELECT channel_id, date_trunc('month', day)::date, target, bucket, sum(forwards)
                FROM unnest(?::bigint[], ?::date[], ?::text[], ?::smallint[], ?::int[])
                    AS lag (channel_id, day, target, bucket, forwards) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (channel_id, month, target, bucket) DO UPDATE SET
                    forwards = monthly_forward_lags.forwards + EXCLUDED.forwards""");
    }

    private static void upsert(Connection connection, Array[] columns, String sql) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                upsert.setArray(i + 1, columns[i]);
            }
            upsert.executeUpdate();
        }
    }

    /** Empties the tables this class writes, for a rebuild that counts every post again. */
    static void clear(Connection connection) throws SQLException {
        try (PreparedStatement truncate = connection.prepareStatement(
                "TRUNCATE daily_forward_lags, monthly_forward_lags")) {
            truncate.execute();
        }
    }
}
