package io.channelpulse.alerts;

import java.time.Instant;

/**
 * One event for one webhook, from queued to sent: pending, claimed (being POSTed), sent, failed (retried on its own
 * until {@code attempts} reaches pulse.alerts.max-attempts) or interrupted (the sender died mid-POST; it may have
 * arrived, so it is not sent again on its own).
 *
 * @param responseStatus the receiver's last HTTP status, null if it never answered
 */
public record WebhookDelivery(long id, long webhookId, String url, String event, String eventKey, String status,
                              int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt,
                              Integer responseStatus, String lastError) {

    /** Failed or interrupted: an admin can send it again by hand. */
    public boolean stuck() {
        return "failed".equals(status) || "interrupted".equals(status);
    }
}
