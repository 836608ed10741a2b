package io.channelpulse.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** How counts are bucketed. */
@ConfigMapping(prefix = "pulse")
public interface AnalyticsConfig {

    /** Zone of day, week and month buckets, of date parameters, and of the digest. */
    @WithDefault("UTC")
    ZoneId timezone();
}
