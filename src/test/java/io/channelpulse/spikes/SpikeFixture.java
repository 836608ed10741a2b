package io.channelpulse.spikes;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Db;

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

/**
 * 45 quiet days in @spike_news with a steady tag and a steady watched name (three posts a day), then a day on
 * which a new tag and a new forward source burst within one hour; @spike_quiet has no posts.
 */
public final class SpikeFixture {

    public static final LocalDate FIRST = LocalDate.parse("2024-01-01");
    public static final LocalDate BURST = FIRST.plusDays(45);
    public static final Instant BURST_HOUR = BURST.atTime(10, 0).toInstant(ZoneOffset.UTC);

    public record Channels(long news, long quiet) {
    }

    private SpikeFixture() {
    }

    public static Channels store(DataSource dataSource, PostStore store) throws SQLException {
        Db.reset(dataSource);
        long news = channel(dataSource, "spike_news");
        long quiet = channel(dataSource, "spike_quiet");
        List<ParsedPost> posts = new ArrayList<>();
        long id = 1;
        for (LocalDate day = FIRST; !day.isAfter(BURST); day = day.plusDays(1)) {
            for (int hour : new int[]{8, 12, 16}) {
                posts.add(post(id++, day.atTime(hour, 0).toInstant(ZoneOffset.UTC), "#Steady talks, Lavrov said",
                        100L, null));
            }
        }
        for (int i = 0; i < 14; i++) {
            ParsedPost.ForwardSource source = i < 8 ? new ParsedPost.ForwardSource("IAEA", "iaea_org", 500L + i) : null;
            posts.add(post(id++, BURST_HOUR.plus(Duration.ofMinutes(3L * i)), "#Surge at the plant", 1000L + i, source));
        }
        for (int from = 0; from < posts.size(); from += 50) {
            store.storePosts(news, posts.subList(from, Math.min(posts.size(), from + 50)), Instant.now());
        }
        return new Channels(news, quiet);
    }

    private static long channel(DataSource dataSource, String handle) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO channels (handle, status) VALUES (?, 'paused')")) {
            insert.setString(1, handle);
            insert.executeUpdate();
        }
        return Db.count(dataSource, "SELECT id FROM channels WHERE handle = ?", handle);
    }

    static ParsedPost post(long id, Instant at, String text, Long views, ParsedPost.ForwardSource forward) {
        return new ParsedPost("spike_news", id, at, ParsedPost.Kind.POST, text, views, false, null, forward, null,
                List.of(), List.of(), List.of());
    }
}
