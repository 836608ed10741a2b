package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts of one channel counted into rollups that do not hold them yet, as a rebuild does, with the topics and
 * mentions stored on the posts brought in line with what was counted; written together.
 */
public final class RecountedPosts {

    private record Keys(List<String> topics, List<String> mentions) {
    }

    private final long channelId;
    private final RollupDelta rollups;
    private final Map<Long, Keys> changed = new LinkedHashMap<>();

    public RecountedPosts(long channelId) {
        this.channelId = channelId;
        this.rollups = new RollupDelta(channelId);
    }

    /** {@code storedTopics} and {@code storedMentions} are the post's arrays, rewritten if the count differs. */
    public void count(long postId, PostFacts facts, Long views, List<String> storedTopics, List<String> storedMentions) {
        rollups.add(facts, views);
        if (facts.counted() && (!facts.topics().equals(storedTopics) || !facts.mentions().equals(storedMentions))) {
            changed.put(postId, new Keys(facts.topics(), facts.mentions()));
        }
    }

    /** Writes in the caller's transaction, which must hold the channel's lock. */
    public void write(Connection connection) throws SQLException {
        if (!changed.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE posts SET hashtags = ?, mentions = ? WHERE channel_id = ? AND id = ?")) {
                for (Map.Entry<Long, Keys> entry : changed.entrySet()) {
                    update.setArray(1, connection.createArrayOf("text", entry.getValue().topics().toArray(String[]::new)));
                    update.setArray(2, connection.createArrayOf("text", entry.getValue().mentions().toArray(String[]::new)));
                    update.setLong(3, channelId);
                    update.setLong(4, entry.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        rollups.write(connection);
        rollups.writeTotals(connection);
    }
}
