package io.channelpulse.ops;

import io.channelpulse.store.ChannelStatus;
import io.channelpulse.store.PostStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event moves its own series, and every series is there at zero before the first event. */
class PulseMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PulseMetrics metrics = new PulseMetrics(registry);

    @Test
    void everySeriesStartsAtZero() {
        assertThat(registry.get("pulse.polls").counters()).hasSize(3)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(registry.get("pulse.polls").tag("outcome", "no_preview").counter().count()).isZero();
        assertThat(registry.get("pulse.digest.mails").counters()).hasSize(2);
        assertThat(registry.get("pulse.posts.stored").counters()).hasSize(2);
    }

    @Test
    void pollsAreCountedByOutcome() {
        metrics.pollEnded(ChannelStatus.ACTIVE);
        metrics.pollEnded(ChannelStatus.ACTIVE);
        metrics.pollEnded(ChannelStatus.FAILING);
        assertThat(count("pulse.polls", "outcome", "active")).isEqualTo(2);
        assertThat(count("pulse.polls", "outcome", "failing")).isEqualTo(1);
        assertThat(count("pulse.polls", "outcome", "no_preview")).isZero();
    }

    @Test
    void postsAreCountedAsNewOrEdited() {
        metrics.postsStored(new PostStore.StoredPage(18, 0, 10133, 10212));
        metrics.postsStored(new PostStore.StoredPage(1, 2, 13890, 13910));
        assertThat(count("pulse.posts.stored", "change", "new")).isEqualTo(19);
        assertThat(count("pulse.posts.stored", "change", "edited")).isEqualTo(2);
    }

    @Test
    void deletionsAreCountedAsConfirmed() {
        assertThat(registry.get("pulse.posts.deleted").counter().count()).isZero();
        metrics.postsDeleted(2);
        metrics.postsDeleted(0);
        metrics.postsDeleted(1);
        assertThat(registry.get("pulse.posts.deleted").counter().count()).isEqualTo(3);
    }

    @Test
    void digestMailsAreCountedAsSentOrFailed() {
        metrics.digestSent();
        metrics.digestSent();
        metrics.digestFailed();
        assertThat(count("pulse.digest.mails", "outcome", "sent")).isEqualTo(2);
        assertThat(count("pulse.digest.mails", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void telegramRequestsAreTimedWithHistogramBuckets() {
        metrics.telegramRequest(TimeUnit.MILLISECONDS.toNanos(80));
        metrics.telegramRequest(TimeUnit.MILLISECONDS.toNanos(1200));
        metrics.rateLimited();
        metrics.retrying();
        metrics.pageFetched();
        var timer = registry.get("pulse.telegram.request").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1280);
        assertThat(timer.takeSnapshot().histogramCounts()).extracting(b -> b.bucket(TimeUnit.MILLISECONDS))
                .contains(50.0, 100.0, 1000.0, 2500.0, 20000.0);
        assertThat(registry.get("pulse.telegram.rate.limited").counter().count()).isEqualTo(1);
        assertThat(registry.get("pulse.telegram.retries").counter().count()).isEqualTo(1);
        assertThat(registry.get("pulse.telegram.pages").counter().count()).isEqualTo(1);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }
}
