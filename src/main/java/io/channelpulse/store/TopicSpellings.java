package io.channelpulse.store;

import io.channelpulse.analytics.Hashtags;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each spelling of a topic was written (#OSCE, #osce), counted once per post, to label a topic by its
 * most frequent spelling. The rows are shared by all channels, so they are written in one order, which keeps
 * concurrent batches from deadlocking.
 */
final class TopicSpellings {

    private final Map<String, Integer> spellings = new TreeMap<>();

    /** Counts the tags of one post's text. */
    void count(String text) {
        Hashtags.spellings(text).stream().distinct().forEach(spelling -> spellings.merge(spelling, 1, Integer::sum));
    }

    void add(Connection connection) throws SQLException {
        if (spellings.isEmpty()) {
            return;
        }
        // In spelling order, as every writer of these shared rows goes (see ChannelPurge).
        List<Map.Entry<String, Integer>> rows = List.copyOf(spellings.entrySet());
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO topic_spellings (key, spelling, posts)
                SELECT key, spelling, posts FROM unnest(?::text[], ?::text[], ?::int[])
                    WITH ORDINALITY AS counted (key, spelling, posts, position) ORDER BY position
                ON CONFLICT (key, spelling) DO UPDATE SET posts = topic_spellings.posts + EXCLUDED.posts""")) {
            upsert.setArray(1, connection.createArrayOf("text",
                    rows.stream().map(e -> e.getKey().toLowerCase(Locale.ROOT)).toArray()));
            upsert.setArray(2, connection.createArrayOf("text", rows.stream().map(Map.Entry::getKey).toArray()));
            upsert.setArray(3, connection.createArrayOf("integer", rows.stream().map(Map.Entry::getValue).toArray()));
            upsert.executeUpdate();
        }
    }

    /** Takes the counted posts off; a spelling no post is left with goes. */
    void subtract(Connection connection) throws SQLException {
        if (spellings.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE topic_spellings SET posts = posts - ? WHERE key = ? AND spelling = ?");
             PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM topic_spellings WHERE key = ? AND spelling = ? AND posts <= 0")) {
            for (Map.Entry<String, Integer> entry : spellings.entrySet()) {
                update.setInt(1, entry.getValue());
                update.setString(2, entry.getKey().toLowerCase(Locale.ROOT));
                update.setString(3, entry.getKey());
                update.addBatch();
                delete.setString(1, entry.getKey().toLowerCase(Locale.ROOT));
                delete.setString(2, entry.getKey());
                delete.addBatch();
            }
            update.executeBatch();
            delete.executeBatch();
        }
    }
}
