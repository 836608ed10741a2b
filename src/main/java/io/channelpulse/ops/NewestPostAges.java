package io.channelpulse.ops;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import io.quarkus.logging.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code pulse_newest_post_age_seconds{channel=…}}: how long ago each polled channel last posted, read at
 * scrape time so that it follows channels as they are added and removed, on any instance. The database is asked
 * at most once every {@code pulse.metrics.freshness-read-every}, however many scrapers there are; while it cannot be reached, the last
 * answer stands (and its ages keep growing, which is true: nothing new is stored meanwhile). Quarkus serves
 * /q/metrics on a worker thread, so the query never holds up the event loop.
 */
class NewestPostAges extends Collector {

    static final String NAME = "pulse_newest_post_age_seconds";

    private final Supplier<Map<String, Instant>> newestPosts;
    private final Clock clock;
    private final Duration freshFor;
    private Map<String, Instant> newest = Map.of();
    private Instant readAt;

    NewestPostAges(Supplier<Map<String, Instant>> newestPosts, Clock clock, Duration freshFor) {
        this.newestPosts = newestPosts;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily ages = new GaugeMetricFamily(NAME,
                "Seconds since the newest stored post of each channel that is not paused", List.of("channel"));
        Instant now = clock.instant();
        newest(now).forEach((handle, at) ->
                ages.addMetric(List.of(handle), Duration.between(at, now).toMillis() / 1000.0));
        return List.of(ages);
    }

    private synchronized Map<String, Instant> newest(Instant now) {
        if (readAt == null || !now.isBefore(readAt.plus(freshFor))) {
            readAt = now;
            try {
                newest = newestPosts.get();
            } catch (RuntimeException e) {
                Log.warnf("%s: kept the last values, the database did not answer: %s", NAME, e.getMessage());
            }
        }
        return newest;
    }
}
