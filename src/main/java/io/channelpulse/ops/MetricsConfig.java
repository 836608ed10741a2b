package io.channelpulse.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What the Prometheus scrape reads. */
@ConfigMapping(prefix = "pulse.metrics")
public interface MetricsConfig {

    /**
     * How long the newest post time of each channel, read for {@code pulse_newest_post_age_seconds}, is reused
     * before a scrape reads it again: at most one such query per period, however many scrapers there are.
     */
    @WithDefault("10s")
    Duration freshnessReadEvery();
}
