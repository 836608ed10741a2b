package io.channelpulse.terms;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * What a change to daily_terms makes of daily_term_totals, its sum over channels. The rows are shared by all
 * channels, so they are written at the end of the transaction, in one order (kind, key, day), like the other
 * shared rows; whatever takes posts out of daily_terms takes the same posts out of the totals.
 */
public final class TermTotals {

    private record Row(String kind, String key, LocalDate day) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparing(Row::kind).thenComparing(Row::key)
            .thenComparing(Row::day);

    private final Map<Row, Integer> changes = new HashMap<>();

    void add(LocalDate day, String kind, String key, int posts) {
        changes.merge(new Row(kind, key, day), posts, Integer::sum);
    }

    /** Adds the changes, then drops the rows they left at zero. */
    void write(Connection connection) throws SQLException {
        List<Map.Entry<Row, Integer>> changed = changes.entrySet().stream()
                .filter(e -> e.getValue() != 0).sorted(Map.Entry.comparingByKey(ORDER)).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO daily_term_totals (kind, key, day, posts)
                SELECT kind, key, day, posts FROM unnest(?::text[], ?::text[], ?::date[], ?::int[])
                    WITH ORDINALITY AS change (kind, key, day, posts, position) ORDER BY position
                ON CONFLICT (kind, key, day) DO UPDATE SET posts = daily_term_totals.posts + EXCLUDED.posts""")) {
            upsert.setArray(1, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().kind()).toArray()));
            upsert.setArray(2, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().key()).toArray()));
            upsert.setArray(3, connection.createArrayOf("date", changed.stream().map(e -> Date.valueOf(e.getKey().day())).toArray()));
            upsert.setArray(4, connection.createArrayOf("integer", changed.stream().map(Map.Entry::getValue).toArray()));
            upsert.executeUpdate();
        }
        List<Map.Entry<Row, Integer>> lowered = changed.stream().filter(e -> e.getValue() < 0).toList();
        if (lowered.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM daily_term_totals t USING unnest(?::text[], ?::text[], ?::date[]) AS change (kind, key, day)
                WHERE t.kind = change.kind AND t.key = change.key AND t.day = change.day AND t.posts <= 0""")) {
            delete.setArray(1, connection.createArrayOf("text", lowered.stream().map(e -> e.getKey().kind()).toArray()));
            delete.setArray(2, connection.createArrayOf("text", lowered.stream().map(e -> e.getKey().key()).toArray()));
            delete.setArray(3, connection.createArrayOf("date", lowered.stream().map(e -> Date.valueOf(e.getKey().day())).toArray()));
            delete.executeUpdate();
        }
    }

    /**
     * Deletes the daily_terms rows chosen by {@code where} (a condition on its columns, with {@code parameters}) and
     * takes their posts out of the totals, dropping the totals they leave at zero; how many daily_terms rows went.
     */
    static int deleteTerms(Connection connection, String where, Object... parameters) throws SQLException {
        Array kinds;
        Array keys;
        Array days;
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement("""
                WITH gone AS (DELETE FROM daily_terms WHERE %s RETURNING kind, key, day, posts),
                taken AS (INSERT INTO daily_term_totals (kind, key, day, posts)
                    SELECT kind, key, day, -sum(posts) FROM gone GROUP BY kind, key, day ORDER BY kind, key, day
                    ON CONFLICT (kind, key, day) DO UPDATE SET posts = daily_term_totals.posts + EXCLUDED.posts
                    RETURNING kind, key, day, posts)
                SELECT (SELECT count(*) FROM gone), array_agg(kind), array_agg(key), array_agg(day)
                FROM taken WHERE posts <= 0""".formatted(where))) {
            for (int i = 0; i < parameters.length; i++) {
                delete.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = delete.executeQuery()) {
                rs.next();
                deleted = rs.getInt(1);
                kinds = rs.getArray(2);
                keys = rs.getArray(3);
                days = rs.getArray(4);
            }
        }
        if (kinds != null) {
            try (PreparedStatement empty = connection.prepareStatement("""
                    DELETE FROM daily_term_totals t USING unnest(?::text[], ?::text[], ?::date[]) AS zero (kind, key, day)
                    WHERE t.kind = zero.kind AND t.key = zero.key AND t.day = zero.day AND t.posts <= 0""")) {
                empty.setArray(1, kinds);
                empty.setArray(2, keys);
                empty.setArray(3, days);
                empty.executeUpdate();
            }
        }
        return deleted;
    }
}
