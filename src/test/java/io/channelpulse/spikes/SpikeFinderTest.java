package io.channelpulse.spikes;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spikes found in posts stored through the storing path: 45 quiet days with a steady tag and a steady watched
 * name, then a day on which a new tag and a new forward source burst within one hour.
 */
@QuarkusTest
class SpikeFinderTest {

    static final LocalDate FIRST = LocalDate.parse("2024-01-01");
    static final LocalDate BURST = FIRST.plusDays(45);
    static final Instant BURST_HOUR = BURST.atTime(10, 0).toInstant(ZoneOffset.UTC);

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
        Db.reset(dataSource);
        channel = channel("spike_news");
        quietChannel = channel("spike_quiet");
        List<ParsedPost> posts = new ArrayList<>();
        long id = 1;
        for (LocalDate day = FIRST; !day.isAfter(BURST); day = day.plusDays(1)) {
            for (int hour : new int[]{8, 12, 16}) {
                posts.add(post(id++, day.atTime(hour, 0).toInstant(ZoneOffset.UTC),
                        "#Steady talks, Lavrov said", 100L, null));
            }
        }
        for (int i = 0; i < 14; i++) {
            ParsedPost.ForwardSource source = i < 8 ? new ParsedPost.ForwardSource("IAEA", "iaea_org", 500L + i) : null;
            posts.add(post(id++, BURST_HOUR.plus(Duration.ofMinutes(3L * i)), "#Surge at the plant", 1000L + i, source));
        }
        for (int from = 0; from < posts.size(); from += 50) {
            store.storePosts(channel, posts.subList(from, Math.min(posts.size(), from + 50)), Instant.now());
        }
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

    private long channel(String handle) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO channels (handle, status) VALUES (?, 'paused')")) {
            insert.setString(1, handle);
            insert.executeUpdate();
        }
        return Db.count(dataSource, "SELECT id FROM channels WHERE handle = ?", handle);
    }

    private static ParsedPost post(long id, Instant at, String text, Long views, ParsedPost.ForwardSource forward) {
        return new ParsedPost("spike_news", id, at, ParsedPost.Kind.POST, text, views, false, null, forward, null,
                List.of(), List.of(), List.of());
    }
}
