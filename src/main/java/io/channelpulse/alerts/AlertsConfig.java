package io.channelpulse.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Spike alerts by webhook and mail, and the webhooks' post events. */
@ConfigMapping(prefix = "pulse.alerts")
public interface AlertsConfig {

    /** How often due webhook deliveries and failed alert mails are sent; also the bound on a post event's delay. */
    @WithDefault("15s")
    Duration deliverEvery();

    /** When the spikes of the hour that just ended are looked for (Quartz-style cron, local time of pulse.timezone). */
    @WithDefault("0 5 * * * ?")
    String hourCron();

    /** When the spikes of the day that just ended are looked for (cron, local time of pulse.timezone). */
    @WithDefault("0 20 0 * * ?")
    String dayCron();

    /** Longest wait for a webhook receiver: to connect, and between bytes of its answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Most attempts at one webhook delivery or alert mail before it stays marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Pause after a first failure; it doubles with each further one, up to one hour. */
    @WithDefault("1m")
    Duration firstRetry();

    /** Most redirects a webhook delivery follows (each target checked like the webhook's own URL). */
    @WithDefault("3")
    int maxRedirects();
}
