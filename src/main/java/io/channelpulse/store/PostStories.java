package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a post's story (see {@link PostStory}) for its page and {@code GET /api/posts/{handle}/{id}}. */
@ApplicationScoped
public class PostStories {

    /** Uses posts_forwarded_source (V16); the IS NOT NULL lets the planner match that partial index. */
    static final String FORWARDED_BY = """
            SELECT c.handle, p.id, p.published_at FROM posts p JOIN channels c ON c.id = p.channel_id
            WHERE p.forwarded_handle IS NOT NULL AND lower(p.forwarded_handle) = lower(?) AND p.forwarded_post_id = ?
            ORDER BY p.published_at, c.handle, p.id""";

    @Inject
    PostQuery posts;

    @Inject
    DataSource dataSource;

    /** The story of the post, or empty when we do not have it. */
    @Transactional
    public Optional<PostStory> story(String handle, long id) {
        Optional<PostQuery.Found> found = posts.one(handle, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PostView post = found.get().post();
        long channelId = found.get().channelId();
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(new PostStory(post,
                    PostStory.versions(found.get().firstSeenAt(), post.text(), edits(connection, channelId, id)),
                    views(connection, channelId, id), forwardedBy(connection, post), source(connection, post),
                    deletions(connection, channelId, id)));
        } catch (SQLException e) {
            throw new StoreException("Could not read the story of post " + handle + "/" + id, e);
        }
    }

    private static List<PostStory.Edit> edits(Connection connection, long channelId, long id) throws SQLException {
        List<PostStory.Edit> edits = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT seen_at, previous_text FROM post_edits WHERE channel_id = ? AND post_id = ? ORDER BY seen_at""")) {
            query.setLong(1, channelId);
            query.setLong(2, id);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    edits.add(new PostStory.Edit(rs.getTimestamp(1).toInstant(), rs.getString(2)));
                }
            }
        }
        return edits;
    }

    private static List<PostStory.Absence> deletions(Connection connection, long channelId, long id) throws SQLException {
        List<PostStory.Absence> episodes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT missing_at, confirmed_at, confirmed_by, reappeared_at FROM post_deletions
                WHERE channel_id = ? AND post_id = ? ORDER BY missing_at""")) {
            query.setLong(1, channelId);
            query.setLong(2, id);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    episodes.add(new PostStory.Absence(rs.getTimestamp(1).toInstant(), instant(rs.getTimestamp(2)),
                            rs.getString(3), instant(rs.getTimestamp(4))));
                }
            }
        }
        return episodes;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<PostStory.ViewCount> views(Connection connection, long channelId, long id) throws SQLException {
        List<PostStory.ViewCount> views = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT seen_at, views FROM post_views WHERE channel_id = ? AND post_id = ? ORDER BY seen_at""")) {
            query.setLong(1, channelId);
            query.setLong(2, id);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    views.add(new PostStory.ViewCount(rs.getTimestamp(1).toInstant(), rs.getLong(2)));
                }
            }
        }
        return views;
    }

    private static List<PostStory.Forwarder> forwardedBy(Connection connection, PostView post) throws SQLException {
        List<PostStory.Forwarder> forwarders = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(FORWARDED_BY)) {
            query.setString(1, post.channel());
            query.setLong(2, post.id());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(3).toInstant();
                    forwarders.add(new PostStory.Forwarder(rs.getString(1), rs.getLong(2), at,
                            PostStory.lagSeconds(post.publishedAt(), at)));
                }
            }
        }
        return forwarders;
    }

    private static PostStory.SourcePost source(Connection connection, PostView post) throws SQLException {
        PostView.Forward forward = post.forwardedFrom();
        if (forward == null || forward.handle() == null || forward.postId() == null) {
            return null;
        }
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.handle FROM posts p JOIN channels c ON c.id = p.channel_id
                WHERE lower(c.handle) = lower(?) AND p.id = ?""")) {
            query.setString(1, forward.handle());
            query.setLong(2, forward.postId());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new PostStory.SourcePost(rs.getString(1), forward.postId()) : null;
            }
        }
    }
}
