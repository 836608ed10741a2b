package io.channelpulse.digest;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.ops.PulseMetrics;
import io.channelpulse.store.Sql;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends digests at most once per subscriber and day. Each send first claims the (subscriber, day) row of
 * digest_log in its own committed statement — an INSERT that does nothing when the row exists, or the UPDATE of
 * a failed row whose retry time has come — so two instances, or a restart, never send the same digest twice.
 * An SMTP failure marks the row failed with the error; the scheduled job retries it with growing pauses. A mail
 * the server accepted is sent, whatever happens to the bookkeeping after: only the write of 'sent' is retried.
 */
@ApplicationScoped
public class DigestSender {

    /** What one run did. */
    public record Result(LocalDate date, int sent, int failed, int skipped) {
    }

    /** What an admin's resend did. */
    public enum Resent { SENT, FAILED, NOTHING_TO_RESEND }

    /** Tries at writing 'sent' after the server took the mail, 250 ms apart and doubling: about 8 s in all. */
    static final int BOOKKEEPING_ATTEMPTS = 6;
    private static final Duration BOOKKEEPING_PAUSE = Duration.ofMillis(250);

    /** Far longer than any send takes (render plus the 30 s SMTP timeout of OneLoopMailer): a claim this old lost its sender mid-send. */
    static final Duration ABANDONED_CLAIM = Duration.ofMinutes(10);

    static final String INTERRUPTED = "The sender stopped between claiming this digest and hearing back from the "
            + "SMTP server (a crash or a kill), so it may or may not have arrived; send it again if it did not";

    @Inject
    Sql db;

    @Inject
    Subscribers subscribers;

    @Inject
    DigestContent content;

    @Inject
    DigestSecret secret;

    @Inject
    DigestConfig config;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    PublicUrlConfig publicUrl;

    @Inject
    OneLoopMailer mailer;

    @Inject
    PulseMetrics metrics;

    /** Every minute: the newest due day to whoever has not had it, then the failed sends whose retry time has come. */
    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick(Instant.now());
    }

    /** What the scheduled job does at {@code now}; tests move the clock by calling it. */
    public void tick(Instant now) {
        markInterrupted(now);
        LocalDate day = DigestSchedule.latestDueDay(now, config.time(), analytics.timezone());
        Result result = send(day, now, false);
        if (result.sent() + result.failed() > 0) {
            Log.infof("Digest for %s: %d sent, %d failed", day, result.sent(), result.failed());
        }
        retryFailed(now);
    }

    /**
     * Sends {@code day} to every active subscriber without a digest of that day. With {@code retryNow}, failed
     * sends of that day are tried again at once (the admin asked); otherwise only once their pause is over.
     */
    public Result send(LocalDate day, Instant now, boolean retryNow) {
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        DigestEditions editions = new DigestEditions(content::digest);
        for (Subscriber subscriber : subscribers.list()) {
            if (!subscriber.active()) {
                continue;
            }
            if (!claim(subscriber.id(), day, now, retryNow)) {
                skipped++;
                continue;
            }
            if (deliver(subscriber, editions.of(day, subscriber.channels()), day, now)) {
                sent++;
            } else {
                failed++;
            }
        }
        return new Result(day, sent, failed, skipped);
    }

    /**
     * Failed sends of any day whose pause is over, while attempts remain. The subscribers are read once and each
     * day's digest is built once per channel list, however many sends of it are due.
     */
    public int retryFailed(Instant now) {
        List<Object[]> due = db.list("SELECT subscriber_id, day FROM digest_log l "
                        + "JOIN digest_subscribers s ON s.id = l.subscriber_id WHERE l.status = 'failed' "
                        + "AND l.next_attempt_at <= ? AND l.attempts < ? AND s.unsubscribed_at IS NULL ORDER BY day, subscriber_id",
                rs -> new Object[]{rs.getLong(1), rs.getObject(2, LocalDate.class)}, now, config.maxAttempts());
        if (due.isEmpty()) {
            return 0;
        }
        Map<Long, Subscriber> byId = new HashMap<>();
        subscribers.list().forEach(subscriber -> byId.put(subscriber.id(), subscriber));
        DigestEditions editions = new DigestEditions(content::digest);
        int sent = 0;
        for (Object[] row : due) {
            Subscriber subscriber = byId.get((Long) row[0]);
            LocalDate day = (LocalDate) row[1];
            if (subscriber != null && claim(subscriber.id(), day, now, false)
                    && deliver(subscriber, editions.of(day, subscriber.channels()), day, now)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Claims whose sender died mid-send become 'interrupted': shown on the admin page and in
     * /api/digest/deliveries, never re-sent on their own since the mail may have gone out.
     */
    public int markInterrupted(Instant now) {
        List<String> marked = db.list("UPDATE digest_log l SET status = 'interrupted', last_error = ? "
                        + "FROM digest_subscribers s WHERE s.id = l.subscriber_id AND l.status = 'claimed' "
                        + "AND l.claimed_at < ? RETURNING s.email || ' of ' || l.day",
                rs -> rs.getString(1), INTERRUPTED, now.minus(ABANDONED_CLAIM));
        marked.forEach(digest -> Log.warnf("The digest to %s was interrupted mid-send and may not have arrived; "
                + "the admin page can send it again", digest));
        return marked.size();
    }

    /**
     * Sends a failed or interrupted digest again because the admin asked, even after the scheduled retries gave
     * up. Sent or in-flight digests are left alone, so a double click cannot send twice.
     */
    public Resent resend(long subscriberId, LocalDate day, Instant now) {
        Subscriber subscriber = subscribers.find(subscriberId).filter(Subscriber::active).orElse(null);
        if (subscriber == null || db.update("UPDATE digest_log SET status = 'claimed', "
                        + "attempts = attempts + 1, claimed_at = ? WHERE subscriber_id = ? AND day = ? "
                        + "AND status IN ('failed', 'interrupted')", now, subscriberId, day) == 0) {
            return Resent.NOTHING_TO_RESEND;
        }
        return deliver(subscriber, content.digest(day, subscriber.channels()), day, now) ? Resent.SENT : Resent.FAILED;
    }

    /** True if this caller now owns the (subscriber, day) send; committed before any mail goes out. */
    boolean claim(long subscriberId, LocalDate day, Instant now, boolean retryNow) {
        if (db.update("INSERT INTO digest_log (subscriber_id, day, status, attempts, claimed_at) "
                + "VALUES (?, ?, 'claimed', 1, ?) ON CONFLICT DO NOTHING", subscriberId, day, now) == 1) {
            return true;
        }
        return db.update("UPDATE digest_log SET status = 'claimed', attempts = attempts + 1, claimed_at = ? "
                        + "WHERE subscriber_id = ? AND day = ? AND status = 'failed' AND attempts < ?"
                        + (retryNow ? "" : " AND next_attempt_at <= ?"),
                retryNow ? new Object[]{now, subscriberId, day, config.maxAttempts()}
                        : new Object[]{now, subscriberId, day, config.maxAttempts(), now}) == 1;
    }

    /** True if the server accepted the mail; a send that failed is marked for a retry. */
    private boolean deliver(Subscriber subscriber, Digest digest, LocalDate day, Instant now) {
        try {
            Mail mail = DigestMail.of(digest.forSubscriber(unsubscribeUrl(subscriber.id())), subscriber.email());
            mailer.send(mail);
            metrics.digestSent();
        } catch (RuntimeException e) {
            metrics.digestFailed();
            String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            List<Integer> attempts = db.list("SELECT attempts FROM digest_log WHERE subscriber_id = ? AND day = ?",
                    rs -> rs.getInt(1), subscriber.id(), day);
            int tries = attempts.isEmpty() ? 1 : attempts.get(0);
            db.update("UPDATE digest_log SET status = 'failed', last_error = ?, next_attempt_at = ? "
                    + "WHERE subscriber_id = ? AND day = ?", error, now.plus(backoff(tries)), subscriber.id(), day);
            Log.warnf("Digest for %s to subscriber %d failed (attempt %d of %d): %s", day, subscriber.id(), tries,
                    config.maxAttempts(), error);
            return false;
        }
        markSent(subscriber.id(), day);
        return true;
    }

    /**
     * Records a mail the server accepted. If the database cannot take it even after the retries, the row is left
     * 'claimed': it turns 'interrupted' later, which is shown to the admin and never re-sent on its own.
     */
    private void markSent(long subscriberId, LocalDate day) {
        Duration pause = BOOKKEEPING_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                db.update("UPDATE digest_log SET status = 'sent', sent_at = now(), last_error = NULL, "
                        + "next_attempt_at = NULL WHERE subscriber_id = ? AND day = ?", subscriberId, day);
                return;
            } catch (RuntimeException e) {
                if (attempt < BOOKKEEPING_ATTEMPTS && pause(pause)) {
                    Log.warnf("The digest for %s to subscriber %d went out; marking it sent failed (try %d of %d): %s",
                            day, subscriberId, attempt, BOOKKEEPING_ATTEMPTS, e.getMessage());
                    pause = pause.multipliedBy(2);
                    continue;
                }
                Log.errorf(e, "The digest for %s to subscriber %d was accepted by the SMTP server but could not be "
                        + "marked sent (%d tries); it will show as interrupted and is not sent again on its own",
                        day, subscriberId, attempt);
                return;
            }
        }
    }

    /** False if the thread was interrupted (the app is stopping). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** 5 minutes after the first failure, doubling up to 6 hours. */
    static Duration backoff(int attempts) {
        long minutes = 5L << Math.min(Math.max(attempts - 1, 0), 7);
        return Duration.ofMinutes(Math.min(minutes, 360));
    }

    public String unsubscribeUrl(long subscriberId) {
        return publicUrl.base() + "/digest/unsubscribe?s=" + subscriberId + "&t=" + secret.token(subscriberId);
    }
}
