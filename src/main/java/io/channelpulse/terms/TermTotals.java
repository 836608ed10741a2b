package io.channelpulse.terms;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * daily_term_totals, the sum over channels of their terms (channel_day_terms), for the readers that ask about all
 * channels. Adding every batch's change to those rows made every channel's batch write the same hot rows, as many as
 * the batch had terms; instead a batch queues what it changed ({@link Changes}) and the queue is added to the totals
 * ({@link #sum}) before they are read, summed over all the batches since, so a term and day changed by many channels
 * is written once. Readers of the totals call {@link TermCounting#sumTotals} first.
 */
final class TermTotals {

    /** The advisory lock (key pair) of the one summing at a time; poll leases and forward handles use others. */
    private static final int SUMMING = 0x54544F54;

    private TermTotals() {
    }

    /** What one transaction changed of a channel's terms, queued as one row when it is {@link #write written}. */
    static final class Changes {

        private final long channelId;
        private final List<Date> days = new ArrayList<>();
        private final List<String> kinds = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<Integer> posts = new ArrayList<>();

        Changes(long channelId) {
            this.channelId = channelId;
        }

        void add(LocalDate day, String kind, String key, int change) {
            if (change != 0) {
                days.add(Date.valueOf(day));
                kinds.add(kind);
                keys.add(key);
                posts.add(change);
            }
        }

        /** Queues the changes, in the caller's transaction: seen by a sum once it commits. */
        void write(Connection connection) throws SQLException {
            if (posts.isEmpty()) {
                return;
            }
            try (PreparedStatement queue = connection.prepareStatement(
                    "INSERT INTO term_total_changes (channel_id, days, kinds, keys, posts) VALUES (?, ?, ?, ?, ?)")) {
                queue.setLong(1, channelId);
                queue.setArray(2, connection.createArrayOf("date", days.toArray()));
                queue.setArray(3, connection.createArrayOf("text", kinds.toArray()));
                queue.setArray(4, connection.createArrayOf("text", keys.toArray()));
                queue.setArray(5, connection.createArrayOf("integer", posts.toArray()));
                queue.executeUpdate();
            }
        }
    }

    /**
     * Adds the queued changes to the totals and drops the totals they leave at zero; how many totals changed. One sum
     * at a time (a second one waits, then finds the queue empty). The queue's rows are deleted by the statement that
     * adds them, so each committed change is added exactly once, and a batch that commits meanwhile stays queued.
     */
    static int sum(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, 0)")) {
            lock.setInt(1, SUMMING);
            lock.execute();
        }
        int changed = 0;
        List<String> kinds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Date> days = new ArrayList<>();
        try (PreparedStatement add = connection.prepareStatement("""
                WITH taken AS (
                    DELETE FROM term_total_changes RETURNING days, kinds, keys, posts
                ), summed AS (
                    SELECT change.kind, change.key, change.day, sum(change.posts)::int AS posts
                    FROM taken, unnest(taken.kinds, taken.keys, taken.days, taken.posts) AS change (kind, key, day, posts)
                    GROUP BY change.kind, change.key, change.day HAVING sum(change.posts) <> 0
                )
                INSERT INTO daily_term_totals (kind, key, day, posts)
                SELECT kind, key, day, posts FROM summed ORDER BY kind, key, day
                ON CONFLICT (kind, key, day) DO UPDATE SET posts = daily_term_totals.posts + EXCLUDED.posts
                RETURNING kind, key, day, posts""");
             ResultSet rs = add.executeQuery()) {
            while (rs.next()) {
                changed++;
                if (rs.getInt(4) <= 0) {
                    kinds.add(rs.getString(1));
                    keys.add(rs.getString(2));
                    days.add(rs.getDate(3));
                }
            }
        }
        if (!kinds.isEmpty()) {
            try (PreparedStatement empty = connection.prepareStatement("""
                    DELETE FROM daily_term_totals total USING unnest(?::text[], ?::text[], ?::date[]) AS zero (kind, key, day)
                    WHERE total.kind = zero.kind AND total.key = zero.key AND total.day = zero.day AND total.posts <= 0""")) {
                empty.setArray(1, connection.createArrayOf("text", kinds.toArray()));
                empty.setArray(2, connection.createArrayOf("text", keys.toArray()));
                empty.setArray(3, connection.createArrayOf("date", days.toArray()));
                empty.executeUpdate();
            }
        }
        return changed;
    }
}
