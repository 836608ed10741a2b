package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** New mentions for some posts of one channel, and the matching move of their rollups, written together. */
public final class MentionChanges {

    private final long channelId;
    private final RollupDelta rollups;
    private final Map<Long, List<String>> mentions = new LinkedHashMap<>();

    public MentionChanges(long channelId) {
        this.channelId = channelId;
        this.rollups = new RollupDelta(channelId);
    }

    /** {@code counted} false for a post not in the rollups yet (a rebuild has not reached it): only its mentions change. */
    public void move(long postId, LocalDate day, List<String> before, List<String> after, boolean counted) {
        if (counted) {
            rollups.moveMentions(new PostFacts(true, day, List.of(), before, null), new PostFacts(true, day, List.of(), after, null));
        }
        mentions.put(postId, after);
    }

    /** Writes in the caller's transaction, which must hold the channel's lock. */
    public void write(Connection connection) throws SQLException {
        if (mentions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE posts SET mentions = ? WHERE channel_id = ? AND id = ?")) {
            for (Map.Entry<Long, List<String>> entry : mentions.entrySet()) {
                update.setArray(1, connection.createArrayOf("text", entry.getValue().toArray(String[]::new)));
                update.setLong(2, channelId);
                update.setLong(3, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        rollups.write(connection);
        rollups.writeTotals(connection);
    }
}
