package io.channelpulse.spikes;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermExtractor;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Inject
    SpikeCounts counts;

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

    @Test
    void hourBucketsOfNamesFromTheirRollupEqualThoseFoundAgainInThePosts() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        List<ParsedPost> burst = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            burst.add(SpikeFixture.post(1000 + i, hour.plus(Duration.ofMinutes(4L * i)),
                    i % 2 == 0 ? "Talks with Volker Türk at the plant" : "Встреча с Фолькером Тюрком, пишет Reuters",
                    10L + i, null));
        }
        burst.add(SpikeFixture.post(1014, hour.plus(Duration.ofMinutes(70)), "Later: Volker Türk left", 5L, null));
        store.storePosts(channel, burst, Instant.now());
        store.storePosts(quietChannel, List.of(SpikeFixture.post(1, hour.plusSeconds(30), "A word from Volker Türk", 1L,
                null)), Instant.now());
        // an edit takes a name off its hour
        store.storePosts(channel, List.of(SpikeFixture.post(1001, hour.plus(Duration.ofMinutes(4)),
                "Встреча отменена, пишет Reuters", 11L, null)), Instant.now());

        Instant from = hour.minus(Duration.ofDays(1));
        Instant to = hour.plus(Duration.ofDays(1));
        for (List<Long> channels : Arrays.asList(null, List.of(channel), List.of(quietChannel))) {
            assertThat(counts.nameHoursCounted(from, to, channels, 1))
                    .as("channels %s", channels)
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(counts.nameHoursFromPosts(from, to, channels, 1, ZoneOffset.UTC));
        }
        String english = name("Talks with Volker Türk");
        String russian = name("Встреча с Фолькером Тюрком");
        assertThat(counts.nameHoursCounted(from, to, null, 1))
                .contains(new SpikeCounts.Busy("name", english, hour, 8), new SpikeCounts.Busy("name", russian, hour, 6),
                        new SpikeCounts.Busy("name", english, hour.plus(Duration.ofHours(1)), 1));
        assertThat(finder.find(from, to, null, SpikeFinder.HOUR)).extracting(Spike::metric, Spike::key, Spike::t, Spike::count)
                .contains(tuple("name", english, hour, 8L), tuple("name", russian, hour, 6L));
    }

    private static String name(String text) {
        return TermExtractor.terms(text).stream().filter(t -> t.kind().equals(Term.NAME)).map(Term::key)
                .findFirst().orElseThrow();
    }
}
