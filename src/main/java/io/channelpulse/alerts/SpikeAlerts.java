package io.channelpulse.alerts;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.digest.Subscriber;
import io.channelpulse.digest.Subscribers;
import io.channelpulse.spikes.Spike;
import io.channelpulse.spikes.SpikeFinder;
import io.channelpulse.store.Sql;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the spikes of a day or an hour and sends what has not been sent: a delivery to every webhook that takes
 * the spike's metric, and a mail to every subscriber with alerts on (spikes of their channels only). Running the
 * same period again finds the same spikes and sends nothing, as the deliveries and mails are claimed once.
 */
@ApplicationScoped
public class SpikeAlerts {

    /**
     * What one run did.
     *
     * @param queued     new webhook deliveries of these spikes
     * @param delivered  webhook deliveries made now (these and any others that were due)
     * @param mailed     spike mails sent now; a key already mailed to a subscriber that day is not counted
     */
    public record Run(String bucket, Instant from, Instant to, int spikes, int queued, int delivered,
                      int deliveriesFailed, int mailed, int mailsFailed) {
    }

    @Inject
    SpikeFinder finder;

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookSender sender;

    @Inject
    AlertMails mails;

    @Inject
    Subscribers subscribers;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    Sql db;

    /** The day's spikes (day buckets, in pulse.timezone). */
    public Run day(LocalDate day, Instant now) {
        ZoneId zone = analytics.timezone();
        return run(SpikeFinder.DAY, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
                now);
    }

    /** The spikes of the hour that starts at {@code start}. */
    public Run hour(Instant start, Instant now) {
        return run(SpikeFinder.HOUR, start, start.plus(Duration.ofHours(1)), now);
    }

    private Run run(String bucket, Instant from, Instant to, Instant now) {
        List<Spike> spikes = finder.find(from, to, null, bucket);
        int queued = 0;
        for (Spike spike : spikes) {
            queued += outbox.spike(spike);
        }
        int mailed = 0;
        int mailsFailed = 0;
        Map<List<String>, List<Spike>> byChannels = new HashMap<>();
        for (Subscriber subscriber : subscribers.list()) {
            if (!subscriber.active() || !subscriber.alerts()) {
                continue;
            }
            List<Spike> theirs = subscriber.channels() == null ? spikes : byChannels.computeIfAbsent(
                    subscriber.channels(), handles -> finder.find(from, to, channelIds(handles), bucket));
            for (Spike spike : theirs) {
                switch (mails.send(subscriber, spike, now)) {
                    case SENT -> mailed++;
                    case FAILED -> mailsFailed++;
                    case SKIPPED -> {
                    }
                }
            }
        }
        WebhookSender.Result delivered = sender.deliverDue(now);
        Run run = new Run(bucket, from, to, spikes.size(), queued, delivered.sent(), delivered.failed(), mailed,
                mailsFailed);
        if (queued + mailed + mailsFailed + delivered.failed() > 0) {
            Log.infof("Spikes of the %s from %s: %s", bucket, from, run);
        }
        return run;
    }

    private List<Long> channelIds(List<String> handles) {
        return db.list("SELECT id FROM channels WHERE handle = ANY (?)", rs -> rs.getLong(1),
                (Object) handles.toArray(String[]::new));
    }
}
