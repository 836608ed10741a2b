package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;
import io.channelpulse.network.PostCitations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
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
    private final CitationDelta citations;
    private final ZoneId zone;
    private final List<Long> counted = new ArrayList<>();
    private final Map<Long, Keys> changed = new LinkedHashMap<>();

    /** @param zone the zone the rollups are counted in */
    public RecountedPosts(long channelId, ZoneId zone) {
        this.channelId = channelId;
        this.zone = zone;
        this.rollups = new RollupDelta(channelId);
        this.citations = new CitationDelta(channelId);
    }

    /** {@code storedTopics} and {@code storedMentions} are the post's arrays, rewritten if the count differs. */
    public void count(long postId, PostFacts facts, PostCitations cites, Long views, List<String> storedTopics,
                      List<String> storedMentions) {
        rollups.add(facts, views);
        citations.add(facts.day(), cites);
        counted.add(postId);
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
        citations.write(connection);
        ForwardLags.ofRecounted(connection, channelId, counted.toArray(Long[]::new), zone);
        rollups.writeTotals(connection);
    }
}
