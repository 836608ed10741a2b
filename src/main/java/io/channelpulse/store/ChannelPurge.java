package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Takes a channel's share out of what the channels share before the channel goes: the totals over channels,
 * the topic spellings and the forward sources. Everything with a channel_id goes with the channel (ON DELETE
 * CASCADE); these tables are keyed by topic or source alone, so a row whose key no other channel's post uses
 * is deleted, and a shared one keeps only the other channels' counts.
 */
@ApplicationScoped
public class ChannelPurge {

    @Inject
    DataSource dataSource;

    /** In the caller's transaction, which then deletes the channel. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void takeOutShares(long channelId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, channelId);
                lock.execute();
            }
            Rollups.takeOutChannel(connection, channelId);
            spellings(connection, channelId).subtract(connection);
            // Spellings counted at first sight of a post that was edited since: what no other post tags goes.
            update(connection, """
                    DELETE FROM topic_spellings s
                    WHERE s.key IN (SELECT DISTINCT unnest(hashtags) FROM posts WHERE channel_id = ?)
                      AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.hashtags @> ARRAY[s.key] AND p.channel_id <> ?)""",
                    channelId, channelId);
            update(connection, """
                    DELETE FROM forward_sources f
                    WHERE f.key IN (SELECT DISTINCT lower(forwarded_handle) FROM posts WHERE channel_id = ?)
                      AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.channel_id <> ? AND lower(p.forwarded_handle) = f.key)""",
                    channelId, channelId);
        } catch (SQLException e) {
            throw new StoreException("Could not purge channel " + channelId, e);
        }
    }

    /** The spellings of the channel's posts as they read now. */
    private static TopicSpellings spellings(Connection connection, long channelId) throws SQLException {
        TopicSpellings spellings = new TopicSpellings();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT text FROM posts WHERE channel_id = ? AND kind = 'post' AND hashtags <> '{}'")) {
            query.setFetchSize(1000);
            query.setLong(1, channelId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    spellings.count(rs.getString(1));
                }
            }
        }
        return spellings;
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
