package io.channelpulse.terms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * What changes the channels' terms (channel_day_terms) across many rows at once, outside a batch of posts: the
 * singleton prune and a channel's purge. Each queues what it took away for the totals over channels
 * ({@link TermTotals}), in the same statement.
 */
final class TermBags {

    private TermBags() {
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
