package io.channelpulse.terms;

import io.channelpulse.store.ArrayLiteral;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels' terms by day (channel_day_terms): one row per channel, day and kind, its keys and their posts side by
 * side. Read and written whole by a batch ({@link TermDelta}, under the channel's lock); changed across many rows by
 * the singleton prune and a channel's purge, which queue what they took away for the totals over channels
 * ({@link TermTotals}) in the same statement.
 */
final class TermBags {

    /** One row: a day's terms of one kind. */
    record Bag(LocalDate day, String kind) {
    }

    private TermBags() {
    }

    /** The stored terms of the channel's rows among {@code wanted}, by key. */
    static Map<Bag, Map<String, Integer>> read(Connection connection, long channelId, Set<Bag> wanted)
            throws SQLException {
        Map<Bag, Map<String, Integer>> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT day, kind, keys, posts FROM channel_day_terms WHERE channel_id = ? AND day = ANY (?)")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("date",
                    wanted.stream().map(Bag::day).distinct().map(Date::valueOf).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Bag bag = new Bag(rs.getObject(1, LocalDate.class), rs.getString(2));
                    if (!wanted.contains(bag)) {
                        continue;
                    }
                    String[] keys = (String[]) rs.getArray(3).getArray();
                    Integer[] posts = (Integer[]) rs.getArray(4).getArray();
                    Map<String, Integer> terms = new HashMap<>(keys.length * 2);
                    for (int i = 0; i < keys.length; i++) {
                        terms.put(keys[i], posts[i]);
                    }
                    stored.put(bag, terms);
                }
            }
        }
        return stored;
    }

    /** Writes the channel's rows as given, whole; a row without terms is deleted. */
    static void write(Connection connection, long channelId, Map<Bag, Map<String, Integer>> rows) throws SQLException {
        List<Bag> emptied = new ArrayList<>();
        List<Bag> written = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> posts = new ArrayList<>();
        rows.forEach((bag, terms) -> {
            if (terms.isEmpty()) {
                emptied.add(bag);
            } else {
                written.add(bag);
                keys.add(ArrayLiteral.ofTexts(terms.keySet()));
                posts.add(ArrayLiteral.ofInts(terms.values()));
            }
        });
        if (!written.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO channel_day_terms (channel_id, day, kind, keys, posts)
                    SELECT ?, day, kind, keys::text[], posts::int[]
                    FROM unnest(?::date[], ?::text[], ?::text[], ?::text[]) AS bag (day, kind, keys, posts)
                    ON CONFLICT (channel_id, day, kind) DO UPDATE SET keys = EXCLUDED.keys, posts = EXCLUDED.posts""")) {
                upsert.setLong(1, channelId);
                upsert.setArray(2, days(connection, written));
                upsert.setArray(3, connection.createArrayOf("text", written.stream().map(Bag::kind).toArray()));
                upsert.setArray(4, connection.createArrayOf("text", keys.toArray()));
                upsert.setArray(5, connection.createArrayOf("text", posts.toArray()));
                upsert.executeUpdate();
            }
        }
        if (!emptied.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM channel_day_terms bag USING unnest(?::date[], ?::text[]) AS emptied (day, kind)
                    WHERE bag.channel_id = ? AND bag.day = emptied.day AND bag.kind = emptied.kind""")) {
                delete.setArray(1, days(connection, emptied));
                delete.setArray(2, connection.createArrayOf("text", emptied.stream().map(Bag::kind).toArray()));
                delete.setLong(3, channelId);
                delete.executeUpdate();
            }
        }
    }

    private static Array days(Connection connection, List<Bag> bags) throws SQLException {
        return connection.createArrayOf("date", bags.stream().map(b -> Date.valueOf(b.day())).toArray());
    }

    /** Drops the terms of one post from the rows of days before {@code keepFrom}; how many terms went. */
    static int dropSingletons(Connection connection, LocalDate keepFrom) throws SQLException {
        try (PreparedStatement prune = connection.prepareStatement("""
                WITH aged AS (
                    SELECT channel_id, day, kind, keys, posts FROM channel_day_terms
                    WHERE day < ? AND 1 = ANY (posts) FOR UPDATE
                ), term AS (
                    SELECT aged.channel_id, aged.day, aged.kind, term.key, term.posts
                    FROM aged CROSS JOIN LATERAL unnest(aged.keys, aged.posts) AS term (key, posts)
                ), kept AS (
                    SELECT aged.channel_id, aged.day, aged.kind,
                           array_agg(term.key ORDER BY term.key) FILTER (WHERE term.posts > 1) AS keys,
                           array_agg(term.posts ORDER BY term.key) FILTER (WHERE term.posts > 1) AS posts
                    FROM aged JOIN term USING (channel_id, day, kind)
                    GROUP BY aged.channel_id, aged.day, aged.kind
                ), shrunk AS (
                    UPDATE channel_day_terms bag SET keys = kept.keys, posts = kept.posts FROM kept
                    WHERE bag.channel_id = kept.channel_id AND bag.day = kept.day AND bag.kind = kept.kind
                        AND kept.keys IS NOT NULL
                ), emptied AS (
                    DELETE FROM channel_day_terms bag USING kept
                    WHERE bag.channel_id = kept.channel_id AND bag.day = kept.day AND bag.kind = kept.kind
                        AND kept.keys IS NULL
                ), queued AS (
                    INSERT INTO term_total_changes (channel_id, days, kinds, keys, posts)
                    SELECT channel_id, array_agg(day), array_agg(kind), array_agg(key), array_agg(-posts)
                    FROM term WHERE posts <= 1 GROUP BY channel_id
                )
                SELECT count(*) FROM term WHERE posts <= 1""")) {
            prune.setObject(1, keepFrom);
            try (ResultSet rs = prune.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Deletes the channel's terms, in the transaction that deletes the channel. */
    static void deleteChannel(Connection connection, long channelId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                WITH gone AS (DELETE FROM channel_day_terms WHERE channel_id = ? RETURNING day, kind, keys, posts)
                INSERT INTO term_total_changes (channel_id, days, kinds, keys, posts)
                SELECT ?, array_agg(gone.day), array_agg(gone.kind), array_agg(term.key), array_agg(-term.posts)
                FROM gone CROSS JOIN LATERAL unnest(gone.keys, gone.posts) AS term (key, posts)
                HAVING count(*) > 0""")) {
            delete.setLong(1, channelId);
            delete.setLong(2, channelId);
            delete.executeUpdate();
        }
    }
}
