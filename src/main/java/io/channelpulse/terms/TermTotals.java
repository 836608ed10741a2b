package io.channelpulse.terms;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * daily_term_totals, the sum over channels of their terms (channel_day_terms), for the readers that ask about all
 * channels. Adding every batch's change to those rows made every channel's batch write the same hot rows, as many as
 * the batch had terms; instead a batch marks the days it changed ({@link #changed}) and the days are summed again
 * from the channels' rows ({@link #sum}) before the totals are read, once for all the batches since. Readers of
 * the totals call {@link TermCounting#sumTotals} first.
 */
final class TermTotals {

    /** The advisory lock (key pair) of the one summing at a time; poll leases and forward handles use others. */
    private static final int SUMMING = 0x54544F54;

    private TermTotals() {
    }

    /** Marks the days whose totals no longer hold for what this transaction changed of the channel. */
    static void changed(Connection connection, long channelId, Collection<LocalDate> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "INSERT INTO term_total_days (day, channel_id) SELECT day, ? FROM unnest(?::date[]) AS changed (day)")) {
            mark.setLong(1, channelId);
            mark.setArray(2, connection.createArrayOf("date", new TreeSet<>(days).stream().map(Date::valueOf).toArray()));
            mark.executeUpdate();
        }
    }

    /**
     * Sums the marked days again from the channels' terms; how many days. One sum at a time (a second one waits, then
     * finds the marks gone), so two never write the same day's rows. A mark is visible once its batch committed; the
     * marks are deleted first, so the sums, read by a later statement, hold every batch whose mark went, and a batch
     * that commits after the delete leaves its mark for the next sum.
     */
    static int sum(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, 0)")) {
            lock.setInt(1, SUMMING);
            lock.execute();
        }
        Set<Date> days = new TreeSet<>();
        try (PreparedStatement take = connection.prepareStatement("DELETE FROM term_total_days RETURNING day");
             ResultSet rs = take.executeQuery()) {
            while (rs.next()) {
                days.add(rs.getDate(1));
            }
        }
        if (days.isEmpty()) {
            return 0;
        }
        // only the sums that changed are written: a day summed again every minute mostly has the same sums
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH summed AS (
                    SELECT kind, key, day, sum(posts)::int AS posts FROM daily_terms WHERE day = ANY (?)
                    GROUP BY kind, key, day
                ), gone AS (
                    DELETE FROM daily_term_totals total WHERE total.day = ANY (?) AND NOT EXISTS (
                        SELECT 1 FROM summed WHERE summed.kind = total.kind AND summed.key = total.key
                            AND summed.day = total.day)
                )
                INSERT INTO daily_term_totals (kind, key, day, posts)
                SELECT kind, key, day, posts FROM summed ORDER BY kind, key, day
                ON CONFLICT (kind, key, day) DO UPDATE SET posts = EXCLUDED.posts
                    WHERE daily_term_totals.posts <> EXCLUDED.posts""")) {
            java.sql.Array marked = connection.createArrayOf("date", days.toArray());
            statement.setArray(1, marked);
            statement.setArray(2, marked);
            statement.executeUpdate();
        }
        return days.size();
    }
}
