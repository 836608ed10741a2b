package io.channelpulse.alerts;

import io.channelpulse.digest.DigestSender;
import io.channelpulse.digest.OneLoopMailer;
import io.channelpulse.digest.Subscriber;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.spikes.Spike;
import io.channelpulse.store.Row;
import io.channelpulse.store.Sql;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Spike mails to subscribers with alerts on, at most one per subscriber, (metric, key) and local day: the
 * alert_mails row is claimed (INSERT ... ON CONFLICT DO NOTHING, committed) before the mail goes out, as the
 * digest's are, and keeps the mail's text so a retry after an SMTP failure sends the same mail.
 */
@ApplicationScoped
public class AlertMails {

    enum Outcome { SENT, FAILED, SKIPPED }

    /** What an admin's "send again" of one spike mail came to. */
    public enum SendAgain {
        SENT, FAILED,
        /** Sent, being sent, or to someone who unsubscribed or turned alerts off meanwhile. */
        NOT_STUCK
    }

    /**
     * A spike mail that did not go out: failed (retried on its own while attempts remain, at nextAttemptAt) or
     * interrupted (the app stopped mid-send; it may have arrived, so only an admin sends it again).
     */
    public record Stuck(long subscriberId, String email, String metric, String key, LocalDate day, String subject,
                        String status, int attempts, Instant nextAttemptAt, String lastError) {
    }

    /** Far longer than a send takes (the 30 s SMTP timeout): a claim this old lost its sender mid-send. */
    static final Duration ABANDONED_CLAIM = Duration.ofMinutes(10);

    private record Claimed(long subscriberId, String email, String metric, String key, LocalDate day, String subject,
                           String text, int attempts) {

        /** A row of the claims' RETURNING list. */
        static Claimed read(Row rs) {
            return new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getInt(8));
        }
    }

    @Inject
    Sql db;

    @Inject
    OneLoopMailer mailer;

    @Inject
    AlertsConfig config;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    AlertLinks links;

    @Inject
    DigestSender digest;

    Outcome send(Subscriber subscriber, Spike spike, Instant now) {
        AlertMail mail = AlertMail.of(spike, analytics.timezone(), links.dashboard(spike), subscriber.email(),
                digest.unsubscribeUrl(subscriber.id()));
        LocalDate day = links.day(spike);
        String subject = mail.subject();
        String text = mail.text();
        if (db.update("INSERT INTO alert_mails (subscriber_id, metric, key, day, subject, text, status, "
                        + "claimed_at) VALUES (?, ?, ?, ?, ?, ?, 'claimed', ?) ON CONFLICT DO NOTHING",
                subscriber.id(), spike.metric(), spike.key(), day, subject, text, now) == 0) {
            return Outcome.SKIPPED;
        }
        return deliver(new Claimed(subscriber.id(), subscriber.email(), spike.metric(), spike.key(), day, subject,
                text, 1), now) ? Outcome.SENT : Outcome.FAILED;
    }

    /** Failed mails whose pause is over, while attempts remain and the subscriber is still subscribed. */
    int retryFailed(Instant now) {
        db.update("UPDATE alert_mails SET status = 'interrupted', last_error = ? WHERE status = 'claimed' "
                + "AND claimed_at < ?", "The sender stopped between claiming this mail and the SMTP server's answer, "
                + "so it may or may not have arrived", now.minus(ABANDONED_CLAIM));
        List<Claimed> due = db.list("""
                        UPDATE alert_mails m SET status = 'claimed', attempts = m.attempts + 1, claimed_at = ?
                        FROM digest_subscribers s
                        WHERE s.id = m.subscriber_id AND s.unsubscribed_at IS NULL AND s.alerts
                        AND (m.subscriber_id, m.metric, m.key, m.day) IN (
                            SELECT subscriber_id, metric, key, day FROM alert_mails
                            WHERE status = 'failed' AND next_attempt_at <= ? AND attempts < ?
                            ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                        AND m.status = 'failed'
                        RETURNING m.subscriber_id, s.email, m.metric, m.key, m.day, m.subject, m.text, m.attempts""",
                Claimed::read,
                now, now, config.maxAttempts());
        int sent = 0;
        for (Claimed claimed : due) {
            if (deliver(claimed, now)) {
                sent++;
            }
        }
        return sent;
    }

    /** The newest failed and interrupted spike mails of subscribers who still take alerts, for /admin. */
    public List<Stuck> stuck(int limit) {
        return db.list("""
                        SELECT m.subscriber_id, s.email, m.metric, m.key, m.day, m.subject, m.status, m.attempts,
                               CASE WHEN m.status = 'failed' AND m.attempts < ? THEN m.next_attempt_at END, m.last_error
                        FROM alert_mails m JOIN digest_subscribers s ON s.id = m.subscriber_id
                        WHERE m.status IN ('failed', 'interrupted') AND s.unsubscribed_at IS NULL AND s.alerts
                        ORDER BY m.claimed_at DESC LIMIT ?""",
                rs -> new Stuck(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getInstant(9), rs.getString(10)),
                config.maxAttempts(), limit);
    }

    /** Sends a failed or interrupted spike mail now, whatever its attempts, claimed as a retry pass claims it. */
    public SendAgain sendAgain(long subscriberId, String metric, String key, LocalDate day, Instant now) {
        List<Claimed> claimed = db.list("""
                        UPDATE alert_mails m SET status = 'claimed', attempts = m.attempts + 1, claimed_at = ?
                        FROM digest_subscribers s
                        WHERE s.id = m.subscriber_id AND s.unsubscribed_at IS NULL AND s.alerts
                        AND m.subscriber_id = ? AND m.metric = ? AND m.key = ? AND m.day = ?
                        AND m.status IN ('failed', 'interrupted')
                        RETURNING m.subscriber_id, s.email, m.metric, m.key, m.day, m.subject, m.text, m.attempts""",
                Claimed::read,
                now, subscriberId, metric, key, day);
        if (claimed.isEmpty()) {
            return SendAgain.NOT_STUCK;
        }
        return deliver(claimed.get(0), now) ? SendAgain.SENT : SendAgain.FAILED;
    }

    private boolean deliver(Claimed claimed, Instant now) {
        try {
            mailer.send(Mail.withText(claimed.email(), claimed.subject(), claimed.text()));
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            db.update("UPDATE alert_mails SET status = 'failed', last_error = ?, next_attempt_at = ? "
                            + "WHERE subscriber_id = ? AND metric = ? AND key = ? AND day = ?", error,
                    now.plus(Backoff.after(config, claimed.attempts())), claimed.subscriberId(), claimed.metric(),
                    claimed.key(), claimed.day());
            Log.warnf("Spike mail '%s' to subscriber %d failed (attempt %d of %d): %s", claimed.subject(),
                    claimed.subscriberId(), claimed.attempts(), config.maxAttempts(), error);
            return false;
        }
        db.update("UPDATE alert_mails SET status = 'sent', sent_at = now(), last_error = NULL, "
                        + "next_attempt_at = NULL WHERE subscriber_id = ? AND metric = ? AND key = ? AND day = ?",
                claimed.subscriberId(), claimed.metric(), claimed.key(), claimed.day());
        return true;
    }
}
