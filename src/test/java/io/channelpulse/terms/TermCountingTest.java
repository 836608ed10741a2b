package io.channelpulse.terms;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.RollupTimezone;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * daily_terms as the storing path keeps it: equal to a recount from the posts' text after new posts, edits,
 * pages read again and a time-zone rebuild; singletons of old days dropped; forms counted for labels.
 */
@QuarkusTest
class TermCountingTest {

    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

    @Inject
    PostStore store;

    @Inject
    DataSource dataSource;

    @Inject
    RollupTimezone timezone;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    TermCounting counting;

    @Inject
    NameHoursFill fill;

    private long channelId;
    private final Instant recent = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plusSeconds(23 * 3600);

    @BeforeEach
    void oneChannel() {
        Db.reset(dataSource);
        channelId = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
    }

    @Test
    void newPostsEditsAndPagesReadAgainKeepTheRollupEqualToARecount() {
        List<ParsedPost> page = List.of(
                post(1, recent, "На станцию прибыл Рафаэль Гросси, глава МАГАТЭ"),
                post(2, recent.plusSeconds(60), "Встреча с Рафаэлем Гросси и санкции"),
                post(3, recent.plusSeconds(120), "Sanctions on banks: Grossi said the sanctions work"));
        store.storePosts(channelId, page, Instant.now());
        assertThat(rollup()).isEqualTo(recount(ZoneOffset.UTC)).containsEntry(
                channelId + " " + day(recent) + " name рафаэл гросс", 2);
        assertThat(hours()).isEqualTo(recountHours(ZoneOffset.UTC)).containsEntry(
                channelId + " " + NameHours.hour(recent, ZoneOffset.UTC) + " рафаэл гросс", 2);
        assertThat(Db.count(dataSource, "SELECT posts FROM term_forms WHERE kind = 'name' AND key = 'рафаэл гросс'"
                + " AND form = 'Рафаэлем Гросси'")).isEqualTo(1);

        store.storePosts(channelId, page, Instant.now());
        assertThat(rollup()).as("the same page again").isEqualTo(recount(ZoneOffset.UTC));
        assertThat(hours()).as("the same page again").isEqualTo(recountHours(ZoneOffset.UTC));

        store.storePosts(channelId, List.of(post(2, recent.plusSeconds(60), "Встреча отменена, пишет Reuters")), Instant.now());
        assertThat(rollup()).as("an edit").isEqualTo(recount(ZoneOffset.UTC))
                .containsEntry(channelId + " " + day(recent) + " name рафаэл гросс", 1)
                .containsKey(channelId + " " + day(recent) + " name reuter");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_terms WHERE posts <= 0")).isZero();
        assertThat(hours()).as("an edit").isEqualTo(recountHours(ZoneOffset.UTC))
                .containsEntry(channelId + " " + NameHours.hour(recent, ZoneOffset.UTC) + " рафаэл гросс", 1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM name_hours WHERE posts <= 0")).isZero();
        assertThat(Db.count(dataSource, "SELECT posts FROM term_forms WHERE kind = 'word' AND key = 'санкц'"))
                .as("forms count the posts as first stored").isEqualTo(1);
    }

    @Test
    void aTimeZoneRebuildCountsTheTermsAgain() {
        store.storePosts(channelId, List.of(post(1, recent, "Рафаэль Гросси прибыл"),
                post(2, recent.plusSeconds(7200), "Гросси уехал, сообщает МАГАТЭ")), Instant.now());
        try {
            assertThat(timezone.begin(KIRITIMATI)).isTrue();
            assertThat(rollup()).as("emptied for the rebuild").isEmpty();
            assertThat(hours()).as("emptied for the rebuild").isEmpty();
            rebuild();
            assertThat(rollup()).isEqualTo(recount(KIRITIMATI)).isNotEqualTo(recount(ZoneOffset.UTC));
            assertThat(hours()).isEqualTo(recountHours(KIRITIMATI)).isNotEmpty();
        } finally {
            timezone.begin(analytics.timezone());
            rebuild();
        }
        assertThat(rollup()).isEqualTo(recount(ZoneOffset.UTC));
        assertThat(hours()).isEqualTo(recountHours(ZoneOffset.UTC));
    }

    @Test
    void singletonsOfOldDaysAreDroppedAndTermsOfSeveralPostsKept() {
        Instant old = Instant.now().minus(200, ChronoUnit.DAYS);
        store.storePosts(channelId, List.of(post(1, old, "Санкции против банков"),
                post(2, old.plusSeconds(60), "Новые санкции"), post(3, recent, "Одна новость")), Instant.now());

        assertThat(rollup()).containsOnlyKeys(channelId + " " + day(old) + " word санкц",
                channelId + " " + day(recent) + " word одн", channelId + " " + day(recent) + " word новост");

        Db.count(dataSource, "UPDATE channel_day_terms SET day = day - 120 WHERE day = ? RETURNING 1", LocalDate.parse(day(recent)));
        assertThat(counting.prune(counting.keepSingletonsFrom(ZoneOffset.UTC))).isEqualTo(2);
        assertThat(rollup()).containsOnlyKeys(channelId + " " + day(old) + " word санкц");
    }

    @Test
    void namesAreKeptByHourOnlyForTheLastDaysOfTheWindow() {
        Instant old = Instant.now().minus(200, ChronoUnit.DAYS);
        store.storePosts(channelId, List.of(post(1, old, "Визит: Рафаэль Гросси прибыл"),
                post(2, recent, "Визит: Рафаэль Гросси уехал")), Instant.now());
        assertThat(hours()).containsOnlyKeys(channelId + " " + NameHours.hour(recent, ZoneOffset.UTC) + " рафаэл гросс");

        Db.count(dataSource, "UPDATE name_hours SET hour = hour - interval '100 days' RETURNING 1");
        assertThat(counting.pruneHours(NameHours.keepFrom(ZoneOffset.UTC, Period.ofDays(92), Instant.now())))
                .isEqualTo(1);
        assertThat(hours()).isEmpty();
    }

    @Test
    void theHoursOfPostsStoredBeforeTheRollupCameAreFilledIn() {
        store.storePosts(channelId, List.of(post(1, recent, "На станцию прибыл Рафаэль Гросси"),
                post(2, recent.plusSeconds(3600), "Гросси уехал, сообщает МАГАТЭ")), Instant.now());
        // as V27 finds a database with posts: no hours of them, complete only from after the newest
        Db.count(dataSource, "WITH gone AS (DELETE FROM name_hours RETURNING 1) SELECT count(*) FROM gone");
        Db.count(dataSource, "UPDATE name_hours_since SET since = now() RETURNING 1");
        store.storePosts(channelId, List.of(post(3, recent.plusSeconds(60), "Рафаэль Гросси у реактора")), Instant.now());

        assertThat(fill.fill()).isTrue();
        assertThat(hours()).isEqualTo(recountHours(ZoneOffset.UTC))
                .containsEntry(channelId + " " + NameHours.hour(recent, ZoneOffset.UTC) + " рафаэл гросс", 2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM name_hours_since WHERE since = '-infinity'")).isEqualTo(1);
    }

    private void rebuild() {
        boolean finished;
        do {
            finished = timezone.step(100).finished();
        } while (!finished);
    }

    private static ParsedPost post(long id, Instant at, String text) {
        return new ParsedPost("EmbUSA", id, at, ParsedPost.Kind.POST, text, 10L, false, null, null, null,
                List.of(), List.of(), List.of());
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** daily_terms as "channel day kind key" to posts. */
    private Map<String, Integer> rollup() {
        Map<String, Integer> rows = new TreeMap<>();
        read("SELECT channel_id, day, kind, key, posts FROM daily_terms", rs ->
                rows.put(rs.getLong(1) + " " + rs.getDate(2).toLocalDate() + " " + rs.getString(3) + " " + rs.getString(4),
                        rs.getInt(5)));
        return rows;
    }

    /** name_hours as "channel hour key" to posts. */
    private Map<String, Integer> hours() {
        Map<String, Integer> rows = new TreeMap<>();
        read("SELECT channel_id, hour, key, posts FROM name_hours", rs ->
                rows.put(rs.getLong(1) + " " + rs.getTimestamp(2).toInstant() + " " + rs.getString(3), rs.getInt(4)));
        return rows;
    }

    /** The names of the posts' text by local hour in {@code zone}, all of the posts being recent. */
    private Map<String, Integer> recountHours(ZoneId zone) {
        Map<String, Integer> rows = new TreeMap<>();
        read("SELECT channel_id, published_at, text FROM posts WHERE kind = 'post'", rs -> {
            Instant hour = NameHours.hour(rs.getTimestamp(2).toInstant(), zone);
            for (Term term : TermExtractor.terms(rs.getString(3))) {
                if (term.kind().equals(Term.NAME)) {
                    rows.merge(rs.getLong(1) + " " + hour + " " + term.key(), 1, Integer::sum);
                }
            }
        });
        return rows;
    }

    /** What the posts' text says, by the extractor, in {@code zone}. */
    private Map<String, Integer> recount(ZoneId zone) {
        Map<String, Integer> rows = new TreeMap<>();
        read("SELECT channel_id, published_at, text FROM posts WHERE kind = 'post'", rs -> {
            LocalDate day = rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate();
            for (Term term : TermExtractor.terms(rs.getString(3))) {
                rows.merge(rs.getLong(1) + " " + day + " " + term.kind() + " " + term.key(), 1, Integer::sum);
            }
        });
        return rows;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void read(String sql, Row row) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
