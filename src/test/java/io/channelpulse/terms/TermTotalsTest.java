package io.channelpulse.terms;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.RollupTimezone;
import io.channelpulse.ingest.ChannelRegistry;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * daily_term_totals stays the sum over channels of daily_terms, and both equal a recount of the posts' text, through
 * new posts in two channels, edits, pages read again, a time-zone rebuild, the singleton prune and a purge.
 */
@QuarkusTest
class TermTotalsTest {

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
    ChannelRegistry registry;

    @Inject
    TermQuery query;

    private long first;
    private long second;
    private final Instant recent = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plusSeconds(23 * 3600);

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        first = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
        second = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('mfa_russia', 'paused') RETURNING id");
    }

    @Test
    void theTotalsAreTheSumOverChannelsThroughEditsRebuildPruneAndPurge() {
        List<ParsedPost> page = List.of(
                post("EmbUSA", 1, recent, "На станцию прибыл Рафаэль Гросси, глава МАГАТЭ"),
                post("EmbUSA", 2, recent.plusSeconds(60), "Встреча с Рафаэлем Гросси и санкции"));
        store.storePosts(first, page, Instant.now());
        store.storePosts(second, List.of(post("mfa_russia", 1, recent.plusSeconds(600), "Рафаэль Гросси и санкции"),
                post("mfa_russia", 2, recent.plusSeconds(900), "Рафаэль Гросси снова в Киеве"),
                post("mfa_russia", 3, recent.plusSeconds(7200), "Sanctions on banks: Grossi said so")), Instant.now());
        assertThat(totals()).isEqualTo(recount(ZoneOffset.UTC)).isEqualTo(summed())
                .containsEntry(day(recent) + " name рафаэл гросс", 4);

        store.storePosts(first, page, Instant.now());
        assertThat(totals()).as("the same page again").isEqualTo(recount(ZoneOffset.UTC));

        store.storePosts(first, List.of(post("EmbUSA", 2, recent.plusSeconds(60), "Встреча отменена, пишет Reuters")),
                Instant.now());
        assertThat(totals()).as("an edit").isEqualTo(recount(ZoneOffset.UTC)).isEqualTo(summed())
                .containsEntry(day(recent) + " name рафаэл гросс", 3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_term_totals WHERE posts <= 0")).isZero();

        assertThat(query.terms(Term.NAME, null, LocalDate.parse(day(recent)), LocalDate.parse(day(recent)), null,
                TermQuery.Order.COUNT, 10)).as("/api/terms over all channels reads the totals")
                .anySatisfy(t -> assertThat(t.key() + " " + t.count()).isEqualTo("рафаэл гросс 3"));

        try {
            assertThat(timezone.begin(KIRITIMATI)).isTrue();
            assertThat(totals()).as("emptied for the rebuild").isEmpty();
            rebuild();
            assertThat(totals()).isEqualTo(recount(KIRITIMATI)).isNotEqualTo(recount(ZoneOffset.UTC));
        } finally {
            timezone.begin(analytics.timezone());
            rebuild();
        }
        assertThat(totals()).isEqualTo(recount(ZoneOffset.UTC));

        // the days age past the singleton window: a channel's singletons go from both tables
        Db.count(dataSource, "UPDATE channel_day_terms SET day = day - 120 RETURNING 1");
        Db.count(dataSource, "UPDATE daily_term_totals SET day = day - 120 RETURNING 1");
        counting.prune(counting.keepSingletonsFrom(ZoneOffset.UTC));
        String aged = LocalDate.parse(day(recent)).minusDays(120).toString();
        assertThat(totals()).isEqualTo(summed()).containsEntry(aged + " name рафаэл гросс", 2)
                .doesNotContainKey(aged + " word reuter");

        assertThat(Db.count(dataSource, "SELECT count(*) FROM name_hours WHERE channel_id = ?", second)).isPositive();
        registry.untrack(ChannelHandle.parse("mfa_russia").orElseThrow(), true);
        assertThat(totals()).as("the purged channel's share is gone").isEqualTo(summed()).isEmpty();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM term_total_changes")).as("every change summed").isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM name_hours WHERE channel_id = ?", second))
                .as("and its hours of names").isZero();
    }

    @Test
    void aBatchCommittedDuringASumIsSummedByTheNextOneAndNeverWaitsForIt() throws Exception {
        store.storePosts(first, List.of(post("EmbUSA", 1, recent, "Рафаэль Гросси прибыл")), Instant.now());
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService batch = Executors.newSingleThreadExecutor();
        try {
            Future<?> committed = batch.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                store.storePosts(second, List.of(post("mfa_russia", 1, recent.plusSeconds(60), "Рафаэль Гросси уехал")),
                        Instant.now());
                stored.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(totals()).as("summed while the second batch is not committed")
                    .containsEntry(day(recent) + " name рафаэл гросс", 1);
            commit.countDown();
            committed.get(30, TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            batch.shutdownNow();
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM term_total_changes")).as("its change is left queued").isPositive();
        assertThat(totals()).isEqualTo(summed()).containsEntry(day(recent) + " name рафаэл гросс", 2);
    }

    private void rebuild() {
        boolean finished;
        do {
            finished = timezone.step(100).finished();
        } while (!finished);
    }

    private static ParsedPost post(String channel, long id, Instant at, String text) {
        return new ParsedPost(channel, id, at, ParsedPost.Kind.POST, text, 10L, false, null, null, null,
                List.of(), List.of(), List.of());
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** daily_term_totals as "day kind key" to posts, as a reader sees them. */
    private Map<String, Integer> totals() {
        counting.sumTotals();
        return rows("SELECT day, kind, key, posts FROM daily_term_totals");
    }

    /** daily_terms summed over channels. */
    private Map<String, Integer> summed() {
        return rows("SELECT day, kind, key, sum(posts)::int FROM daily_terms GROUP BY 1, 2, 3");
    }

    private Map<String, Integer> rows(String sql) {
        Map<String, Integer> rows = new TreeMap<>();
        read(sql, rs -> rows.put(rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3),
                rs.getInt(4)));
        return rows;
    }

    /** What the posts' text says over all channels, by the extractor, in {@code zone}. */
    private Map<String, Integer> recount(ZoneId zone) {
        Map<String, Integer> rows = new TreeMap<>();
        read("SELECT published_at, text FROM posts WHERE kind = 'post'", rs -> {
            LocalDate day = rs.getTimestamp(1).toInstant().atZone(zone).toLocalDate();
            for (Term term : TermExtractor.terms(rs.getString(2))) {
                rows.merge(day + " " + term.kind() + " " + term.key(), 1, Integer::sum);
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
