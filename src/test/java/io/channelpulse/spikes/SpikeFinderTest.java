package io.channelpulse.spikes;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Spikes found in the posts of {@link SpikeFixture}, stored through the storing path. */
@QuarkusTest
class SpikeFinderTest {

    static final LocalDate FIRST = SpikeFixture.FIRST;
    static final LocalDate BURST = SpikeFixture.BURST;
    static final Instant BURST_HOUR = SpikeFixture.BURST_HOUR;

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    SpikeFinder finder;

    long channel;
    long quietChannel;

    @BeforeEach
    void fortyFiveQuietDaysThenABurst() throws SQLException {
        SpikeFixture.Channels channels = SpikeFixture.store(dataSource, store);
        channel = channels.news();
        quietChannel = channels.quiet();
    }

    @Test
    void theBurstDaysNewTagAndForwardSourceAreSpikesTheSteadyOnesNot() {
        List<Spike> spikes = finder.find(FIRST.atStartOfDay().toInstant(ZoneOffset.UTC),
                BURST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null, SpikeFinder.DAY);
        assertThat(spikes).extracting(Spike::metric, Spike::key, Spike::label, Spike::t, Spike::count, Spike::bucket)
                .containsExactlyInAnyOrder(
                        tuple("topic", "surge", "Surge", BURST.atStartOfDay().toInstant(ZoneOffset.UTC), 14L, "day"),
                        tuple("forward", "iaea_org", "IAEA", BURST.atStartOfDay().toInstant(ZoneOffset.UTC), 8L, "day"));
        Spike surge = spikes.stream().filter(s -> s.key().equals("surge")).findFirst().orElseThrow();
        assertThat(surge.expected()).isLessThan(0.1);
        assertThat(surge.score()).isGreaterThan(6);
        // the most viewed posts of the bucket first
        assertThat(surge.posts()).containsExactly("https://t.me/spike_news/152", "https://t.me/spike_news/151",
                "https://t.me/spike_news/150", "https://t.me/spike_news/149", "https://t.me/spike_news/148");
        assertThat(spikes).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void theBurstHourIsASpikeAndOnlyThatHour() {
        List<Spike> spikes = finder.find(BURST.atStartOfDay().toInstant(ZoneOffset.UTC),
                BURST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null, SpikeFinder.HOUR);
        assertThat(spikes).extracting(Spike::metric, Spike::key, Spike::t, Spike::count, Spike::bucket)
                .containsExactlyInAnyOrder(tuple("topic", "surge", BURST_HOUR, 14L, "hour"),
                        tuple("forward", "iaea_org", BURST_HOUR, 8L, "hour"));
        Spike forward = spikes.stream().filter(s -> s.metric().equals("forward")).findFirst().orElseThrow();
        assertThat(forward.posts()).hasSize(5).allMatch(url -> url.startsWith("https://t.me/spike_news/"));
    }

    @Test
    void aChannelFilterCountsOnlyThoseChannels() {
        Instant from = BURST.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = BURST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        assertThat(finder.find(from, to, List.of(quietChannel), SpikeFinder.DAY)).isEmpty();
        assertThat(finder.find(from, to, List.of(quietChannel), SpikeFinder.HOUR)).isEmpty();
        assertThat(finder.find(from, to, List.of(channel, quietChannel), SpikeFinder.DAY))
                .extracting(Spike::key).containsExactlyInAnyOrder("surge", "iaea_org");
        assertThat(finder.find(from, to, List.of(channel), SpikeFinder.HOUR))
                .extracting(Spike::key).containsExactlyInAnyOrder("surge", "iaea_org");
    }

    @Test
    void aPeriodBeforeTheBurstHasNoSpikes() {
        assertThat(finder.find(FIRST.plusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC),
                BURST.atStartOfDay().toInstant(ZoneOffset.UTC), null, SpikeFinder.DAY)).isEmpty();
    }

    @Test
    void anEditOfTheBurstIsSeenByTheNextAskThoughTheSpikesAreKept() {
        Instant from = BURST.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = BURST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        assertThat(finder.find(from, to, null, SpikeFinder.DAY)).extracting(Spike::key)
                .containsExactlyInAnyOrder("surge", "iaea_org");
        // the same posts, views and times, only the tag edited: no posts per day change, only the counts
        List<ParsedPost> edited = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            edited.add(SpikeFixture.post(139 + i, BURST_HOUR.plus(Duration.ofMinutes(3L * i)), "#Calm at the plant",
                    1000L + i, null));
        }
        store.storePosts(channel, edited, Instant.now());
        assertThat(finder.find(from, to, null, SpikeFinder.DAY)).extracting(Spike::key).containsExactly("calm");
    }
}
