package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** When each polled channel last posted: how fresh what the app shows is. */
@ApplicationScoped
public class NewestPosts {

    @Inject
    DataSource dataSource;

    /**
     * The publication time of the newest post of every channel that is not paused, by handle; channels with no
     * post yet are left out. One backward step on the (channel_id, id) key per channel.
     */
    public Map<String, Instant> byChannel() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT c.handle, (SELECT p.published_at FROM posts p WHERE p.channel_id = c.id AND p.kind = 'post'
                                       ORDER BY p.id DESC LIMIT 1)
                     FROM channels c WHERE c.status <> 'paused'""");
             ResultSet rs = query.executeQuery()) {
            Map<String, Instant> newest = new TreeMap<>();
            while (rs.next()) {
                if (rs.getTimestamp(2) != null) {
                    newest.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            return newest;
        } catch (SQLException e) {
            throw new StoreException("Could not read the newest posts", e);
        }
    }
}
