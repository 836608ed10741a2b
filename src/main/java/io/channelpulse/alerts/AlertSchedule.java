package io.channelpulse.alerts;

import io.channelpulse.analytics.AnalyticsConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** When alerts go out: the hour's spikes after each hour, the day's after each day, due deliveries in between. */
@ApplicationScoped
class AlertSchedule {

    @Inject
    SpikeAlerts alerts;

    @Inject
    WebhookSender sender;

    @Inject
    AlertMails mails;

    @Inject
    AnalyticsConfig analytics;

    @Scheduled(cron = "{pulse.alerts.hour-cron}", timeZone = "{pulse.timezone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        Instant now = Instant.now();
        alerts.hour(previousHour(now, analytics.timezone()), now);
    }

    @Scheduled(cron = "{pulse.alerts.day-cron}", timeZone = "{pulse.timezone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        Instant now = Instant.now();
        alerts.day(previousDay(now, analytics.timezone()), now);
    }

    /** New post events (if the push after their poll was missed), retries whose pause is over, failed mails. */
    @Scheduled(every = "{pulse.alerts.deliver-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        Instant now = Instant.now();
        sender.deliverDue(now);
        mails.retryFailed(now);
    }

    /** The start of the last whole hour before {@code now}, in the zone's hours. */
    static Instant previousHour(Instant now, ZoneId zone) {
        return now.atZone(zone).truncatedTo(ChronoUnit.HOURS).minusHours(1).toInstant();
    }

    /** The last whole day before {@code now}, in the zone. */
    static LocalDate previousDay(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().minusDays(1);
    }
}
