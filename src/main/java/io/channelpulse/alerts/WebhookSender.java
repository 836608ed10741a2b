package io.channelpulse.alerts;

import io.channelpulse.store.Row;
import io.channelpulse.store.Sql;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers queued webhook events exactly once. Each delivery is first claimed in its own committed statement
 * (pending, or failed with its retry time come, becomes claimed; SKIP LOCKED so two instances take different
 * rows), then POSTed; a 2xx marks it sent, anything else failed with a retry after a pause that doubles. A claim
 * older than any POST can take lost its sender mid-POST (a crash or a kill): it becomes 'interrupted', shown in the
 * log and never sent again on its own, since the receiver may have had it.
 */
@ApplicationScoped
public class WebhookSender {

    /** What one pass did. */
    public record Result(int sent, int failed) {
    }

    /** What an admin's "send again" of one delivery came to. */
    public enum SendAgain {
        SENT, FAILED,
        /** Pending, being sent or sent: only failed and interrupted deliveries are sent again by hand. */
        NOT_STUCK,
        NO_SUCH_DELIVERY
    }

    /** Post events were queued by a transaction; they go out once it commits. */
    public record Queued() {
    }

    /** The most deliveries one pass makes, so a backlog cannot hold the job for ever; the next pass goes on. */
    static final int PASS_LIMIT = 500;

    private record Claimed(long id, long webhookId, String event, String body, int attempts) {

        /** A row of the claims' RETURNING list. */
        static Claimed read(Row rs) {
            return new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5));
        }
    }

    @Inject
    Sql db;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookClient client;

    @Inject
    AlertsConfig config;

    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pulse-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean passRequested = new AtomicBoolean();

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Post events go out right after the poll that noticed them commits, on a thread of their own. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued queued) {
        if (passRequested.compareAndSet(false, true)) {
            background.execute(() -> {
                passRequested.set(false);
                try {
                    deliverDue(Instant.now());
                } catch (RuntimeException e) {
                    Log.warnf(e, "Delivering webhook events failed; the scheduled pass tries again");
                }
            });
        }
    }

    /** Every delivery due at {@code now}: new ones, and failed ones whose pause is over while attempts remain. */
    public Result deliverDue(Instant now) {
        markInterrupted(now);
        int sent = 0;
        int failed = 0;
        for (int i = 0; i < PASS_LIMIT; i++) {
            Optional<Claimed> claimed = claimNext(now);
            if (claimed.isEmpty()) {
                break;
            }
            if (deliver(claimed.get(), now)) {
                sent++;
            } else {
                failed++;
            }
        }
        return new Result(sent, failed);
    }

    /** Committed before the POST: whoever gets the row is the only one who sends it. */
    private Optional<Claimed> claimNext(Instant now) {
        return db.list("""
                        UPDATE webhook_deliveries SET status = 'claimed', attempts = attempts + 1, claimed_at = ?
                        WHERE id = (SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'failed')
                                    AND (status = 'pending' OR next_attempt_at <= ?) AND attempts < ?
                                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        AND status IN ('pending', 'failed')
                        RETURNING id, webhook_id, event, body, attempts""",
                Claimed::read,
                now, now, config.maxAttempts()).stream().findFirst();
    }

    /**
     * Sends a failed or interrupted delivery now, whatever its attempts: the admin's answer to a receiver that was
     * down for longer than the retries last, or to a delivery that may not have arrived. The claim is the same
     * committed statement as a pass's, so a delivery a pass is sending is not sent twice.
     */
    public SendAgain sendAgain(long id, Instant now) {
        Optional<Claimed> claimed = db.list("""
                        UPDATE webhook_deliveries SET status = 'claimed', attempts = attempts + 1, claimed_at = ?
                        WHERE id = ? AND status IN ('failed', 'interrupted')
                        RETURNING id, webhook_id, event, body, attempts""",
                Claimed::read,
                now, id).stream().findFirst();
        if (claimed.isEmpty()) {
            boolean exists = !db.list("SELECT 1 FROM webhook_deliveries WHERE id = ?", rs -> true, id)
                    .isEmpty();
            return exists ? SendAgain.NOT_STUCK : SendAgain.NO_SUCH_DELIVERY;
        }
        return deliver(claimed.get(), now) ? SendAgain.SENT : SendAgain.FAILED;
    }

    private boolean deliver(Claimed claimed, Instant now) {
        Webhooks.Target target = webhooks.target(claimed.webhookId()).orElse(null);
        if (target == null) {
            return false; // removed meanwhile: its deliveries went with it
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Channel-Pulse-Webhooks");
        headers.put("X-Pulse-Event", claimed.event());
        headers.put("X-Pulse-Delivery", Long.toString(claimed.id()));
        headers.put(Signature.HEADER, Signature.of(target.secret(), claimed.body()));
        String error;
        Integer status;
        try {
            WebhookClient.Answer answer = client.post(target.url(), claimed.body(), headers);
            if (answer.accepted()) {
                db.update("UPDATE webhook_deliveries SET status = 'sent', sent_at = now(), "
                        + "response_status = ?, last_error = NULL WHERE id = ?", answer.status(), claimed.id());
                return true;
            }
            status = answer.status();
            error = "HTTP " + answer.status() + " from " + answer.url();
        } catch (WebhookClient.Failed e) {
            status = e.status;
            error = e.getMessage();
        }
        boolean gaveUp = claimed.attempts() >= config.maxAttempts();
        db.update("UPDATE webhook_deliveries SET status = 'failed', response_status = ?, last_error = ?, "
                + "next_attempt_at = ? WHERE id = ?", status, error, now.plus(Backoff.after(config, claimed.attempts())), claimed.id());
        Log.warnf("Webhook %d, delivery %d (%s) failed, attempt %d of %d%s: %s", claimed.webhookId(), claimed.id(),
                claimed.event(), claimed.attempts(), config.maxAttempts(), gaveUp ? ", giving up" : "", error);
        return false;
    }

    /** Claims whose sender died mid-POST; far older than a POST with its redirects can take. */
    int markInterrupted(Instant now) {
        Duration longest = config.timeout().multipliedBy(3L * (config.maxRedirects() + 1)).plusMinutes(1);
        return db.update("UPDATE webhook_deliveries SET status = 'interrupted', last_error = ? "
                + "WHERE status = 'claimed' AND claimed_at < ?", "The sender stopped between claiming this delivery "
                + "and the receiver's answer (a crash or a kill), so it may or may not have arrived", now.minus(longest));
    }

    /** A delivery that will be tried (again) on its own. */
    private boolean waiting(String status, int attempts) {
        return ("pending".equals(status) || "failed".equals(status)) && attempts < config.maxAttempts();
    }

    /** The newest deliveries, of one webhook or of all; for the API and the admin page. */
    public List<WebhookDelivery> log(Long webhookId, int limit) {
        return deliveries("WHERE (?::bigint IS NULL OR d.webhook_id = ?) ORDER BY d.id DESC LIMIT ?", webhookId,
                webhookId, limit);
    }

    public Optional<WebhookDelivery> delivery(long id) {
        return deliveries("WHERE d.id = ?", id).stream().findFirst();
    }

    private List<WebhookDelivery> deliveries(String where, Object... parameters) {
        return db.list("SELECT d.id, d.webhook_id, w.url, d.event, d.event_key, d.status, d.attempts, "
                        + "d.created_at, d.sent_at, d.next_attempt_at, d.response_status, d.last_error "
                        + "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id " + where,
                rs -> new WebhookDelivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInstant(8),
                        rs.getInstant(9),
                        waiting(rs.getString(6), rs.getInt(7)) && rs.getInstant(10) != null
                                ? rs.getInstant(10) : null,
                        (Integer) rs.getObject(11), rs.getString(12)),
                parameters);
    }
}
