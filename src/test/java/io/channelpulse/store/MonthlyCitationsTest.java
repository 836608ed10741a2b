package io.channelpulse.store;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.RollupTimezone;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.LagSketch;
import io.channelpulse.store.CitationCounts.Cited;
import io.channelpulse.store.CitationCounts.Forwarding;
import io.channelpulse.testing.Admin;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly citation and lag rows (V25) are the sums of their days through every writer: so a period summed from
 * its whole months and the days at its ends answers what the days alone answer, after ingest, an edit, a lag
 * completed by a later source post, a purge and a zone rebuild. The posts sit late on month ends, so the rebuild in
 * a zone 14 hours ahead moves them into the next month.
 */
@QuarkusTest
class MonthlyCitationsTest {

    private static final Instant FIRST = Instant.parse("2026-07-10T23:30:00Z");
    private static final int DAYS = 120;

    /** Partial months at both ends, whole months only, one partial month, month ends, and a day. */
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2026-07-15", "2026-10-20"), period("2026-08-01", "2026-09-30"), period("2026-07-20", "2026-07-25"),
            period("2026-07-31", "2026-10-01"), period("2026-08-31", "2026-08-31"), period("2026-06-01", "2026-12-31"));

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    CitationCounts counts;

    @Inject
    RollupTimezone timezone;

    @Inject
    AnalyticsConfig analytics;

    private long alpha;
    private long bravo;
    private long charlie;

    @BeforeEach
    void threeChannels() throws SQLException {
        Db.reset(dataSource);
        alpha = channel("alpha_news");
        bravo = channel("bravo_news");
        charlie = channel("charlie_news");
    }

    @Test
    void monthsAndEndDaysAnswerWhatTheDaysAnswer() throws SQLException {
        // bravo forwards alpha's posts before alpha is stored: those lags are completed when alpha's posts arrive
        List<ParsedPost> alphaPosts = new ArrayList<>();
        List<ParsedPost> bravoPosts = new ArrayList<>();
        List<ParsedPost> charliePosts = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            Instant at = FIRST.plusSeconds(86_400L * day);
            alphaPosts.add(post("alpha_news", day + 1, at, "Alpha " + day + (day % 3 == 0 ? " with @charlie_news" : ""), null));
            bravoPosts.add(post("bravo_news", day + 1, at.plusSeconds(600L * (1 + day % 7)), "Via alpha",
                    new ParsedPost.ForwardSource("Alpha News", "alpha_news", (long) day + 1)));
            charliePosts.add(post("charlie_news", day + 1, at.plusSeconds(60), day % 2 == 0 ? "See @bravo_news and t.me/outside_one"
                    : "Forwarded", day % 2 == 0 ? null : new ParsedPost.ForwardSource("Bravo News", "bravo_news", (long) day)));
        }
        store.storePosts(bravo, bravoPosts, Instant.now());
        store.storePosts(charlie, charliePosts, Instant.now());
        assertMonthsAreTheirDays("after the forwards");
        store.storePosts(alpha, alphaPosts, Instant.now());
        assertThat(Db.count(dataSource, "SELECT count(*) FROM monthly_forward_lags WHERE target = 'alpha_news'")).isPositive();
        assertMonthsAreTheirDays("after the sources completed the lags");

        // an edit takes its mentions off and puts new ones on
        store.storePosts(charlie, List.of(post("charlie_news", 21, charliePosts.get(20).publishedAt(), "Now @alpha_news only",
                null, true)), Instant.now());
        assertMonthsAreTheirDays("after an edit");

        ZoneId counted = analytics.timezone();
        try {
            rebuild(ZoneId.of("Pacific/Kiritimati"));
            assertMonthsAreTheirDays("after a zone rebuild");
        } finally {
            rebuild(counted);
        }
        assertMonthsAreTheirDays("after the rebuild back");

        Admin.given().delete("/api/channels/alpha_news?purge=true").then().statusCode(204);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM monthly_forward_lags WHERE target = 'alpha_news'")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM monthly_citations WHERE channel_id = ?", alpha)).isZero();
        assertMonthsAreTheirDays("after a purge");
    }

    private void rebuild(ZoneId zone) {
        assertThat(timezone.begin(zone)).isTrue();
        while (!timezone.step(500).finished()) {
            assertThat(timezone.state().rebuilding()).isTrue();
        }
    }

    private void assertMonthsAreTheirDays(String when) throws SQLException {
        assertThat(rows("""
                (SELECT channel_id, month, target, forwards, mentions, citations FROM monthly_citations
                 EXCEPT SELECT channel_id, date_trunc('month', day)::date, target, sum(forwards), sum(mentions), sum(citations)
                 FROM daily_citations GROUP BY 1, 2, 3)
                UNION ALL
                (SELECT channel_id, date_trunc('month', day)::date, target, sum(forwards), sum(mentions), sum(citations)
                 FROM daily_citations GROUP BY 1, 2, 3
                 EXCEPT SELECT channel_id, month, target, forwards, mentions, citations FROM monthly_citations)""")).as(when)
                .isEmpty();
        assertThat(rows("""
                (SELECT channel_id, month, target, bucket, forwards FROM monthly_forward_lags
                 EXCEPT SELECT channel_id, date_trunc('month', day)::date, target, bucket, sum(forwards)
                 FROM daily_forward_lags GROUP BY 1, 2, 3, 4)
                UNION ALL
                (SELECT channel_id, date_trunc('month', day)::date, target, bucket, sum(forwards)
                 FROM daily_forward_lags GROUP BY 1, 2, 3, 4
                 EXCEPT SELECT channel_id, month, target, bucket, forwards FROM monthly_forward_lags)""")).as(when)
                .isEmpty();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM monthly_citations")).as(when).isPositive();
        for (LocalDate[] period : PERIODS) {
            String asked = when + ", " + period[0] + " to " + period[1];
            List<Cited> days = citedByDays(period[0], period[1]);
            assertThat(counts.cited(period[0], period[1], null)).as(asked).containsExactlyInAnyOrderElementsOf(days);
            assertThat(counts.cited(period[0], period[1], List.of(charlie))).as(asked)
                    .containsExactlyInAnyOrderElementsOf(days.stream().filter(c -> c.channelId() == charlie).toList());
            assertThat(counts.citedByOrFrom(bravo, "bravo_news", period[0], period[1])).as(asked)
                    .containsExactlyInAnyOrderElementsOf(days.stream()
                            .filter(c -> c.channelId() == bravo || c.target().equals("bravo_news")).toList());
            assertThat(summary(counts.lags(period[0], period[1], null))).as(asked)
                    .isEqualTo(lagsByDays(period[0], period[1]));
        }
        LocalDate[] all = PERIODS.get(PERIODS.size() - 1);
        assertThat(citedByDays(all[0], all[1])).as(when).isNotEmpty();
        assertThat(lagsByDays(all[0], all[1])).as(when).isNotEmpty();
    }

    /** What the daily rows alone sum to, as CitationCounts summed them before V25. */
    private List<Cited> citedByDays(LocalDate first, LocalDate last) throws SQLException {
        List<Cited> cited = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement("""
                SELECT channel_id, target, sum(forwards), sum(mentions), sum(citations) FROM daily_citations
                WHERE day BETWEEN ? AND ? GROUP BY channel_id, target HAVING sum(citations) > 0""")) {
            query.setObject(1, first);
            query.setObject(2, last);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    cited.add(new Cited(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return cited;
    }

    /** The daily rows' lags by forwarding: their count and median. */
    private Map<Forwarding, List<Long>> lagsByDays(LocalDate first, LocalDate last) throws SQLException {
        Map<Forwarding, LagSketch> lags = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement("""
                SELECT channel_id, target, bucket, sum(forwards) FROM daily_forward_lags WHERE day BETWEEN ? AND ?
                GROUP BY channel_id, target, bucket""")) {
            query.setObject(1, first);
            query.setObject(2, last);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    lags.computeIfAbsent(new Forwarding(rs.getLong(1), rs.getString(2)), key -> new LagSketch())
                            .add(rs.getInt(3), rs.getLong(4));
                }
            }
        }
        return summary(lags);
    }

    private static Map<Forwarding, List<Long>> summary(Map<Forwarding, LagSketch> lags) {
        Map<Forwarding, List<Long>> summary = new HashMap<>();
        lags.forEach((forwarding, sketch) -> summary.put(forwarding, List.of(sketch.count(), sketch.median())));
        return summary;
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private long channel(String handle) {
        return Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES (?, 'paused') RETURNING id", handle);
    }

    private static LocalDate[] period(String first, String last) {
        return new LocalDate[] {LocalDate.parse(first), LocalDate.parse(last)};
    }

    private static ParsedPost post(String channel, long id, Instant at, String text, ParsedPost.ForwardSource forward) {
        return post(channel, id, at, text, forward, false);
    }

    private static ParsedPost post(String channel, long id, Instant at, String text, ParsedPost.ForwardSource forward,
                                   boolean edited) {
        return new ParsedPost(channel, id, at, ParsedPost.Kind.POST, text, 10L, edited, null, forward, null, List.of(),
                List.of(), List.of());
    }
}
