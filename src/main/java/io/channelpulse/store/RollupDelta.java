package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change one batch of posts makes to one channel's rollups: what the stored versions counted for comes
 * off, what the new versions count for goes on. Written as additive upserts, so concurrent batches of other
 * channels never conflict and the rollups always equal a recount from the posts.
 */
final class RollupDelta {

    private record CountKey(String metric, String key, LocalDate day) {
    }

    private static final Comparator<CountKey> TOTALS_ORDER = Comparator.comparing(CountKey::metric)
            .thenComparing(CountKey::key).thenComparing(CountKey::day);

    private record DayTotals(int posts, long views) {
        DayTotals plus(int morePosts, long moreViews) {
            return new DayTotals(posts + morePosts, views + moreViews);
        }
    }

    private final long channelId;
    private final Map<CountKey, Integer> counts = new HashMap<>();
    private final Map<LocalDate, DayTotals> days = new HashMap<>();

    RollupDelta(long channelId) {
        this.channelId = channelId;
    }

    void remove(PostFacts facts, Long views) {
        add(facts, views, -1);
    }

    void add(PostFacts facts, Long views) {
        add(facts, views, 1);
    }

    /** Only the mentions changed, as in a recount after a watchlist edit. */
    void moveMentions(PostFacts before, PostFacts after) {
        if (before.counted()) {
            before.mentions().forEach(key -> count("mention", key, before.day(), -1));
        }
        if (after.counted()) {
            after.mentions().forEach(key -> count("mention", key, after.day(), 1));
        }
    }

    private void add(PostFacts facts, Long views, int sign) {
        if (!facts.counted()) {
            return;
        }
        days.merge(facts.day(), new DayTotals(sign, sign * (views == null ? 0 : views)),
                (a, b) -> a.plus(b.posts(), b.views()));
        facts.topics().forEach(key -> count("topic", key, facts.day(), sign));
        facts.mentions().forEach(key -> count("mention", key, facts.day(), sign));
        if (facts.forward() != null) {
            count("forward", facts.forward(), facts.day(), sign);
        }
    }

    private void count(String metric, String key, LocalDate day, int sign) {
        counts.merge(new CountKey(metric, key, day), sign, Integer::sum);
    }

    void write(Connection connection) throws SQLException {
        List<Map.Entry<CountKey, Integer>> changed = counts.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (!changed.isEmpty()) {
            // One statement for the whole batch: a page touches hundreds of (key, day) rows.
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO daily_counts (metric, key, channel_id, day, posts)
                    SELECT metric, key, ?, day, posts FROM unnest(?::text[], ?::text[], ?::date[], ?::int[])
                        AS change (metric, key, day, posts)
                    ON CONFLICT (metric, key, day, channel_id) DO UPDATE SET posts = daily_counts.posts + EXCLUDED.posts""")) {
                upsert.setLong(1, channelId);
                setColumns(upsert, 2, connection, changed);
                upsert.executeUpdate();
            }
        }
        writeDayPosts(connection);
    }

    /**
     * The same changes to the totals over all channels. Those rows are shared with other channels' batches,
     * so this runs last (see PostStore) and in key order, which keeps concurrent batches from deadlocking.
     */
    void writeTotals(Connection connection) throws SQLException {
        List<Map.Entry<CountKey, Integer>> changed = counts.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey(TOTALS_ORDER)).toList();
        if (changed.isEmpty()) {
            return;
        }
        upsertTotals(connection, "daily_totals", "day", changed);
        Map<CountKey, Integer> byMonth = new java.util.TreeMap<>(TOTALS_ORDER);
        changed.forEach(e -> byMonth.merge(new CountKey(e.getKey().metric(), e.getKey().key(),
                e.getKey().day().withDayOfMonth(1)), e.getValue(), Integer::sum));
        List<Map.Entry<CountKey, Integer>> months = byMonth.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (!months.isEmpty()) {
            upsertTotals(connection, "monthly_totals", "month", months);
        }
    }

    /** Adds the changes to a totals table keyed by (metric, key, {@code period}), in the order given. */
    private static void upsertTotals(Connection connection, String table, String period,
                                     List<Map.Entry<CountKey, Integer>> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO " + table + " (metric, key, " + period + ", posts)"
                        + " SELECT metric, key, " + period + ", posts FROM unnest(?::text[], ?::text[], ?::date[], ?::int[])"
                        + " WITH ORDINALITY AS change (metric, key, " + period + ", posts, position) ORDER BY position"
                        + " ON CONFLICT (metric, key, " + period + ") DO UPDATE SET posts = " + table
                        + ".posts + EXCLUDED.posts")) {
            setColumns(upsert, 1, connection, changes);
            upsert.executeUpdate();
        }
    }

    private void writeDayPosts(Connection connection) throws SQLException {
        List<Map.Entry<LocalDate, DayTotals>> changed = days.entrySet().stream()
                .filter(e -> e.getValue().posts() != 0 || e.getValue().views() != 0).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO daily_posts (channel_id, day, posts, views)
                SELECT ?, day, posts, views FROM unnest(?::date[], ?::int[], ?::bigint[]) AS change (day, posts, views)
                ON CONFLICT (channel_id, day) DO UPDATE SET posts = daily_posts.posts + EXCLUDED.posts,
                    views = daily_posts.views + EXCLUDED.views""")) {
            upsert.setLong(1, channelId);
            upsert.setArray(2, connection.createArrayOf("date", changed.stream().map(e -> Date.valueOf(e.getKey())).toArray()));
            upsert.setArray(3, connection.createArrayOf("integer", changed.stream().map(e -> e.getValue().posts()).toArray()));
            upsert.setArray(4, connection.createArrayOf("bigint", changed.stream().map(e -> e.getValue().views()).toArray()));
            upsert.executeUpdate();
        }
    }

    private static void setColumns(PreparedStatement statement, int first, Connection connection,
                                   List<Map.Entry<CountKey, Integer>> changed) throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().metric()).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().key()).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("date",
                changed.stream().map(e -> Date.valueOf(e.getKey().day())).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("integer", changed.stream().map(Map.Entry::getValue).toArray()));
    }

    /** Empties the tables this class writes, for a rebuild that counts every post again. */
    static void clear(Connection connection) throws SQLException {
        try (PreparedStatement truncate = connection.prepareStatement(
                "TRUNCATE daily_posts, daily_counts, daily_totals, monthly_totals")) {
            truncate.execute();
        }
    }

    /**
     * Takes a channel's share out of the totals over channels, before the channel is deleted (its own rows go with
     * it, by the foreign key).
     */
    static void takeOutChannel(Connection connection, long channelId) throws SQLException {
        for (String sql : List.of("""
                UPDATE daily_totals t SET posts = t.posts - c.posts FROM daily_counts c
                WHERE c.channel_id = ? AND t.metric = c.metric AND t.key = c.key AND t.day = c.day""", """
                DELETE FROM daily_totals t USING daily_counts c
                WHERE c.channel_id = ? AND t.metric = c.metric AND t.key = c.key AND t.day = c.day AND t.posts <= 0""", """
                UPDATE monthly_totals t SET posts = t.posts - c.posts
                FROM (SELECT metric, key, date_trunc('month', day)::date AS month, sum(posts) AS posts
                      FROM daily_counts WHERE channel_id = ? GROUP BY 1, 2, 3) c
                WHERE t.metric = c.metric AND t.key = c.key AND t.month = c.month""", """
                DELETE FROM monthly_totals t
                USING (SELECT DISTINCT metric, key, date_trunc('month', day)::date AS month
                       FROM daily_counts WHERE channel_id = ?) c
                WHERE t.metric = c.metric AND t.key = c.key AND t.month = c.month AND t.posts <= 0""")) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, channelId);
                statement.executeUpdate();
            }
        }
    }
}
