package io.channelpulse.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.spikes.Spike;
import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Queues events for the webhooks that subscribe to them: one webhook_deliveries row per (webhook, event), with the
 * body fixed now. The unique (webhook, event key) makes queueing idempotent: a spike found again by a later run,
 * or an edit noticed by a poll that is retried, queues nothing new.
 */
@ApplicationScoped
class WebhookOutbox {

    @Inject
    Sql db;

    @Inject
    Webhooks webhooks;

    @Inject
    ObjectMapper json;

    @Inject
    AlertLinks links;

    /** Queues the spike for every webhook that hears about its metric; how many deliveries are new. */
    int spike(Spike spike) {
        String body = body(SpikeEvent.of(spike, links.dashboard(spike)));
        String key = String.join("|", Webhooks.SPIKE, spike.metric(), spike.key(), spike.bucket(), spike.t().toString());
        int queued = 0;
        for (long webhook : webhooks.forSpike(spike.metric())) {
            queued += db.update("INSERT INTO webhook_deliveries (webhook_id, event, event_key, body) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", webhook, Webhooks.SPIKE, key, body);
        }
        return queued;
    }

    /** True if some webhook takes this event: otherwise there is nothing to build. */
    static boolean anyFor(Connection connection, String event) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM webhooks WHERE ? = ANY (events))")) {
            query.setString(1, event);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Queues post events in the caller's transaction, for every webhook that takes their kind. */
    void postEvents(Connection connection, List<PostEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO webhook_deliveries (webhook_id, event, event_key, body)
                SELECT id, ?, ?, ? FROM webhooks WHERE ? = ANY (events)
                ON CONFLICT DO NOTHING""")) {
            for (PostEvent event : events) {
                insert.setString(1, event.event());
                insert.setString(2, String.join("|", event.event(), event.channel(), Long.toString(event.postId()),
                        event.seenAt().toString()));
                insert.setString(3, body(event));
                insert.setString(4, event.event());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private String body(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook event is made of strings, numbers and lists", e);
        }
    }
}
