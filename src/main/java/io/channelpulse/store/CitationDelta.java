package io.channelpulse.store;

import io.channelpulse.network.PostCitations;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change one batch of posts makes to its channel's daily_citations, the way {@link RollupDelta} does it for the
 * counts: what the stored versions cited comes off, what the new versions cite goes on, as one additive upsert.
 */
final class CitationDelta {

    private record Key(LocalDate day, String target) {
    }

    /** Forwards, mentions and citations (posts doing either). */
    private final Map<Key, int[]> changes = new HashMap<>();
    private final long channelId;

    CitationDelta(long channelId) {
        this.channelId = channelId;
    }

    void add(LocalDate day, PostCitations cited) {
        count(day, cited, 1);
    }

    void remove(LocalDate day, PostCitations cited) {
        count(day, cited, -1);
    }

    private void count(LocalDate day, PostCitations cited, int sign) {
        for (String target : cited.targets()) {
            int[] change = changes.computeIfAbsent(new Key(day, target), key -> new int[3]);
            change[0] += target.equals(cited.forward()) ? sign : 0;
            change[1] += cited.mentions().contains(target) ? sign : 0;
            change[2] += sign;
        }
    }

    void write(Connection connection) throws SQLException {
        List<Map.Entry<Key, int[]>> changed = changes.entrySet().stream()
                .filter(e -> e.getValue()[0] != 0 || e.getValue()[1] != 0 || e.getValue()[2] != 0).toList();
        if (changed.isEmpty()) {
            return;
        }
        Array days = connection.createArrayOf("date", changed.stream().map(e -> Date.valueOf(e.getKey().day())).toArray());
        Array targets = connection.createArrayOf("text", changed.stream().map(e -> e.getKey().target()).toArray());
        Array[] columns = new Array[3];
        for (int i = 0; i < 3; i++) {
            int column = i;
            columns[i] = connection.createArrayOf("integer", changed.stream().map(e -> e.getValue()[column]).toArray());
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO daily_citations (channel_id, day, target, forwards, mentions, citations)
                SELECT ?, day, target, forwards, mentions, citations
                FROM unnest(?::date[], ?::text[], ?::int[], ?::int[], ?::int[]) AS change (day, target, forwards, mentions, citations)
                ON CONFLICT (channel_id, day, target) DO UPDATE SET
                    forwards = daily_citations.forwards + EXCLUDED.forwards,
                    mentions = daily_citations.mentions + EXCLUDED.mentions,
                    citations = daily_citations.citations + EXCLUDED.citations""")) {
            set(upsert, days, targets, columns);
            upsert.executeUpdate();
        }
        writeMonths(connection, days, targets, columns);
    }

    /** The same change to the months of monthly_citations (V25), so they stay the sums of their days. */
    private void writeMonths(Connection connection, Array days, Array targets, Array[] columns)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO monthly_citations (channel_id, month, target, forwards, mentions, citations)
                SELECT ?, date_trunc('month', day)::date, target, sum(forwards), sum(mentions), sum(citations)
                FROM unnest(?::date[], ?::text[], ?::int[], ?::int[], ?::int[]) AS change (day, target, forwards, mentions, citations)
                GROUP BY 2, 3 ORDER BY 2, 3
                ON CONFLICT (channel_id, month, target) DO UPDATE SET
                    forwards = monthly_citations.forwards + EXCLUDED.forwards,
                    mentions = monthly_citations.mentions + EXCLUDED.mentions,
                    citations = monthly_citations.citations + EXCLUDED.citations""")) {
            set(upsert, days, targets, columns);
            upsert.executeUpdate();
        }
    }

    private void set(PreparedStatement upsert, Array days, Array targets, Array[] columns)
            throws SQLException {
        upsert.setLong(1, channelId);
        upsert.setArray(2, days);
        upsert.setArray(3, targets);
        for (int i = 0; i < 3; i++) {
            upsert.setArray(4 + i, columns[i]);
        }
    }

    /** Empties the tables this class writes, for a rebuild that counts every post again. */
    static void clear(Connection connection) throws SQLException {
        try (PreparedStatement truncate = connection.prepareStatement("TRUNCATE daily_citations, monthly_citations")) {
            truncate.execute();
        }
    }
}
