package io.channelpulse.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an edit or a deletion that storing noticed into post.edited / post.deleted webhook deliveries, written in
 * the transaction that noticed it: a poll that rolls back queues nothing, one that commits cannot lose its events.
 * They go out as soon as that transaction commits (see {@link WebhookSender#afterCommit}).
 */
@ApplicationScoped
public class PostEvents {

    /** One post whose text changed. */
    public record Edit(long postId, Instant publishedAt, String oldText, String newText) {
    }

    @Inject
    WebhookOutbox outbox;

    @Inject
    AlertLinks links;

    @Inject
    Event<WebhookSender.Queued> queued;

    /** Call it in the transaction that stored the new texts. */
    public void edited(Connection connection, long channelId, List<Edit> edits, Instant seenAt) throws SQLException {
        if (edits.isEmpty() || !WebhookOutbox.anyFor(connection, Webhooks.POST_EDITED)) {
            return;
        }
        String handle = handle(connection, channelId);
        List<PostEvent> events = new ArrayList<>();
        for (Edit edit : edits) {
            events.add(event(Webhooks.POST_EDITED, handle, edit.postId(), edit.publishedAt(), seenAt, edit.oldText(),
                    edit.newText()));
        }
        queue(connection, events);
    }

    /** Call it in the transaction that marked the posts deleted; their stored text is the old text. */
    public void deleted(Connection connection, long channelId, List<Long> postIds, Instant seenAt) throws SQLException {
        if (postIds.isEmpty() || !WebhookOutbox.anyFor(connection, Webhooks.POST_DELETED)) {
            return;
        }
        List<PostEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.handle, p.id, p.published_at, p.text FROM posts p JOIN channels c ON c.id = p.channel_id
                WHERE p.channel_id = ? AND p.id = ANY (?) ORDER BY p.id""")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("bigint", postIds.toArray(Long[]::new)));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.add(event(Webhooks.POST_DELETED, rs.getString(1), rs.getLong(2),
                            rs.getTimestamp(3).toInstant(), seenAt, rs.getString(4), null));
                }
            }
        }
        queue(connection, events);
    }

    private PostEvent event(String kind, String handle, long postId, Instant publishedAt, Instant seenAt,
                            String oldText, String newText) {
        return new PostEvent(kind, handle, postId, "https://t.me/" + handle + "/" + postId, links.post(handle, postId),
                publishedAt, seenAt, oldText, newText);
    }

    private void queue(Connection connection, List<PostEvent> events) throws SQLException {
        outbox.postEvents(connection, events);
        queued.fire(new WebhookSender.Queued());
    }

    private static String handle(Connection connection, long channelId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT handle FROM channels WHERE id = ?")) {
            query.setLong(1, channelId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
