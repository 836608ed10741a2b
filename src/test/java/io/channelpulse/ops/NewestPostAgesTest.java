package io.channelpulse.ops;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-channel age gauge: ages at scrape time, the database asked at most every 10 s, channels followed. */
class NewestPostAgesTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOON);
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now.get(); }
    };
    private static final Duration FRESH_FOR = Duration.ofSeconds(10);
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<Map<String, Instant>> database = new AtomicReference<>(Map.of(
            "EmbUSA", NOON.minusSeconds(90), "MID_Russia", NOON.minusSeconds(3600)));
    private final NewestPostAges ages = new NewestPostAges(() -> {
        queries.incrementAndGet();
        Map<String, Instant> answer = database.get();
        if (answer == null) {
            throw new IllegalStateException("database away");
        }
        return answer;
    }, clock, FRESH_FOR);

    @Test
    void eachChannelHasItsAgeInSeconds() {
        assertThat(scrape()).containsExactlyInAnyOrderEntriesOf(Map.of("EmbUSA", 90.0, "MID_Russia", 3600.0));
        now.set(NOON.plusMillis(2500));
        assertThat(scrape()).containsEntry("EmbUSA", 92.5);
    }

    @Test
    void scrapesWithinTenSecondsAskTheDatabaseOnce() {
        scrape();
        now.set(NOON.plus(FRESH_FOR).minusMillis(1));
        scrape();
        scrape();
        assertThat(queries).hasValue(1);
        now.set(NOON.plus(FRESH_FOR));
        scrape();
        assertThat(queries).hasValue(2);
    }

    @Test
    void channelsAddedAndRemovedAreFollowed() {
        scrape();
        database.set(Map.of("EmbUSA", NOON.minusSeconds(90), "pulse_edge", NOON.minusSeconds(5)));
        now.set(NOON.plus(Duration.ofSeconds(10)));
        assertThat(scrape()).containsOnlyKeys("EmbUSA", "pulse_edge");
        database.set(Map.of());
        now.set(NOON.plus(Duration.ofSeconds(20)));
        assertThat(scrape()).isEmpty();
    }

    @Test
    void whileTheDatabaseIsAwayTheLastAnswerStandsAndAges() {
        scrape();
        database.set(null);
        now.set(NOON.plus(Duration.ofSeconds(10)));
        assertThat(scrape()).containsEntry("EmbUSA", 100.0);
        now.set(NOON.plus(Duration.ofSeconds(15)));
        scrape();
        assertThat(queries).as("a failed read counts as a read for the cache").hasValue(2);
    }

    private Map<String, Double> scrape() {
        List<MetricFamilySamples> families = ages.collect();
        assertThat(families).singleElement().satisfies(family -> {
            assertThat(family.name).isEqualTo("pulse_newest_post_age_seconds");
            assertThat(family.type).isEqualTo(io.prometheus.client.Collector.Type.GAUGE);
        });
        return families.get(0).samples.stream().collect(java.util.stream.Collectors.toMap(
                (Sample sample) -> {
                    assertThat(sample.labelNames).containsExactly("channel");
                    return sample.labelValues.get(0);
                }, sample -> sample.value));
    }
}
