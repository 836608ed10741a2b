package io.channelpulse.analytics;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.Rollups;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Topics, mentions and forwards counted from the EmbUSA history (23 messages, 22 posts). */
@QuarkusTest
class CountingTest {

    /** Every rollup row that a recount from the posts themselves does not give, and the other way round. */
    @Inject
    DataSource dataSource;

    @Inject
    TopQuery top;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void embassyHistory() {
        Db.reset(dataSource);
        telegram.reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 1);
    }

    @Test
    void topicsAreCountedOncePerPostWhateverTheirCase() {
        assertThat(total("topic", "osce")).isEqualTo(5);
        assertThat(total("topic", "nato")).isEqualTo(2);
        assertThat(total("topic", "#OSCE")).as("the key is found however it is written").isEqualTo(5);
        assertThat(total("topic", "деньпобеды")).isEqualTo(1);
        assertThat(total("topic", "shouldnotcount")).as("link previews do not count").isZero();
        assertThat(total("topic", "shouldnotcounteither")).as("reply quotes do not count").isZero();
    }

    @Test
    void watchedNamesAreCountedInEveryLanguageAndWordForm() {
        assertThat(total("mention", "lavrov")).isEqualTo(6);
        assertThat(total("mention", "nato")).as("#NATO twice and NATO once").isEqualTo(3);
        assertThat(total("mention", "mfarussia")).as("@MFARussia in the text").isEqualTo(1);
        assertThat(total("mention", "notthishandle")).isZero();
    }

    @Test
    void forwardSourcesAreCountedByHandle() {
        assertThat(total("forward", "mfarussia")).isEqualTo(5);
        assertThat(total("forward", "mid_russia")).isEqualTo(1);
        List<Map<String, Object>> top = given().get("/api/top?metric=forward&range=all").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(top).extracting(e -> e.get("key")).containsExactly("mfarussia", "mid_russia");
        assertThat(top.get(0)).containsEntry("label", "Russian MFA 🇷🇺").containsEntry("count", 5);
    }

    @Test
    void aMonthlySeriesHasEveryMonthZerosIncluded() {
        JsonPath series = given().get("/api/series?metric=topic&key=osce&bucket=month&from=2023-04-01&to=2024-12-31")
                .then().statusCode(200).extract().jsonPath();
        assertThat(series.getString("metric")).isEqualTo("topic");
        assertThat(series.getString("bucket")).isEqualTo("month");
        List<Map<String, Object>> points = series.getList("points");
        assertThat(points).hasSize(21);
        assertThat(points.get(0)).isEqualTo(Map.of("t", "2023-04-01", "count", 0));
        assertThat(points.get(1)).isEqualTo(Map.of("t", "2023-05-01", "count", 3));
        assertThat(points.get(3)).isEqualTo(Map.of("t", "2023-07-01", "count", 1));
        assertThat(points.get(20)).isEqualTo(Map.of("t", "2024-12-01", "count", 1));
        assertThat(points).extracting(p -> ((Number) p.get("count")).intValue())
                .filteredOn(c -> c > 0).containsExactly(3, 1, 1);
    }

    @Test
    void postsAndViewsByWeekAndHour() {
        List<Map<String, Object>> weeks = given()
                .get("/api/series?metric=posts&bucket=week&from=2023-05-01&to=2023-05-21&channel=EmbUSA")
                .then().statusCode(200).extract().jsonPath().getList("points");
        assertThat(weeks).containsExactly(
                Map.of("t", "2023-05-01", "count", 4),
                Map.of("t", "2023-05-08", "count", 2),
                Map.of("t", "2023-05-15", "count", 4));
        assertThat(given().get("/api/series?metric=posts&range=all&channel=EmbUSA").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(22);
        assertThat(given().get("/api/series?metric=views&range=all").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(54_607L);
        List<Map<String, Object>> hours = given().get("/api/series?metric=topic&key=victoryday&bucket=hour"
                        + "&from=2023-05-08&to=2023-05-09").then().statusCode(200).extract().jsonPath().getList("points");
        assertThat(hours).hasSize(48);
        assertThat(hours.get(17)).isEqualTo(Map.of("t", "2023-05-08T17:00:00Z", "count", 1));
        assertThat(hours.get(32)).isEqualTo(Map.of("t", "2023-05-09T08:00:00Z", "count", 1));
    }

    @Test
    void topListsCompareWithThePeriodBefore() {
        List<Map<String, Object>> top = given().get("/api/top?metric=topic&from=2023-05-01&to=2023-07-31&limit=3")
                .then().statusCode(200).extract().jsonPath().getList("");
        // osce 4; then six topics with 2 posts each, in key order
        assertThat(top).extracting(e -> e.get("key")).containsExactly("osce", "cis", "csto");
        assertThat(top.get(0)).containsEntry("label", "OSCE").containsEntry("count", 4).containsEntry("previous", 0);
        assertThat(top.get(1)).containsEntry("count", 2).containsEntry("previous", 0);
        List<Map<String, Object>> un = given().get("/api/top?metric=topic&from=2023-05-01&to=2023-07-31&limit=100")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(un).filteredOn(e -> e.get("key").equals("un")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("count", 2).containsEntry("previous", 2).containsEntry("score", 0.0f));
        List<Map<String, Object>> rising = given().get("/api/top?metric=mention&from=2023-05-01&to=2023-07-31&sort=rising")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(rising.get(0)).containsEntry("key", "osce");
    }

    /**
     * Another instance changes the watchlist straight in the database, and this one is not told: the next page
     * this instance counts still uses the new list (it checks the watchlist version under the channel lock).
     */
    @Test
    void aWatchlistChangeByAnotherInstanceCountsFromTheNextPage() throws Exception {
        try {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO watched_entities (key, label, aliases) "
                        + "VALUES ('ryabkov', 'Sergei Ryabkov', ARRAY['Ryabkov', 'Рябков'])");
            }
            String page = TelegramStandIn.fixture("EmbUSA.html").replace("Foreign Minister Sergey Lavrov’s interview",
                    "Deputy Foreign Minister Sergei Ryabkov’s interview");
            telegram.always("/s/EmbUSA", Answer.page(page));
            Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> total("mention", "ryabkov") == 1);
            assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
            assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM watched_entities WHERE key = 'ryabkov'");
            }
        }
    }

    /** The overview reads both of its lists from one pass; they are the lists the API gives one at a time. */
    @Test
    void topAndRisingFromOnePassAreTheListsAskedForOneByOne() {
        for (Metric metric : List.of(Metric.TOPIC, Metric.MENTION)) {
            for (List<Long> channels : java.util.Arrays.asList(null, List.of(Db.count(dataSource, "SELECT id FROM channels")))) {
                java.time.LocalDate first = java.time.LocalDate.of(2023, 5, 1);
                java.time.LocalDate last = java.time.LocalDate.of(2023, 5, 31);
                java.time.LocalDate previousFirst = java.time.LocalDate.of(2023, 3, 31);
                TopQuery.TopAndRising both = top.topAndRising(metric, channels, first, last, previousFirst, 5);
                assertThat(both.top()).isNotEmpty()
                        .isEqualTo(top.top(metric, channels, first, last, previousFirst, TopQuery.Order.COUNT, 5));
                assertThat(both.rising()).isNotEmpty()
                        .isEqualTo(top.top(metric, channels, first, last, previousFirst, TopQuery.Order.RISING, 5));
            }
        }
    }

    @Test
    void theRollupsEqualARecountFromThePosts() {
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.DAILY_POST_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_posts")).isEqualTo(22);
    }

    @Inject
    io.channelpulse.store.PostStore store;

    @Test
    void rollupsAreRebuiltForAnotherTimezone() throws Exception {
        String april27 = "SELECT COALESCE(sum(posts), 0) FROM daily_posts WHERE day = '2023-04-27'";
        assertThat(Db.count(dataSource, april27)).as("10154 at 18:20 UTC").isEqualTo(1);
        store.storePosts(Db.count(dataSource, "SELECT id FROM channels"), List.of(new io.channelpulse.ingest.telegram.ParsedPost(
                "EmbUSA", 20000, java.time.Instant.parse("2023-05-01T12:00:00Z"), io.channelpulse.ingest.telegram.ParsedPost.Kind.POST,
                "Forwarded from a source without a handle #OSCE", 10L, false, null,
                new io.channelpulse.ingest.telegram.ParsedPost.ForwardSource("Someone", " ", null), null, List.of(), List.of(), List.of())),
                java.time.Instant.now());
        rebuild(ZoneId.of("Pacific/Kiritimati"));
        assertThat(Db.count(dataSource, april27)).as("08:20 on the 28th at UTC+14").isZero();
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_posts")).isEqualTo(23);
        assertThat(Db.count(dataSource, Rollups.rollupMismatches("Pacific/Kiritimati"))).isZero();
        rebuild(ZoneOffset.UTC);
        assertThat(Db.count(dataSource, april27)).isEqualTo(1);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.DAILY_POST_MISMATCHES)).isZero();
    }

    @Inject
    RollupTimezone timezone;

    private void rebuild(ZoneId zone) {
        assertThat(timezone.begin(zone)).isTrue();
        while (!timezone.step(MentionRecount.BATCH).finished()) {
            assertThat(timezone.state().rebuilding()).isTrue();
        }
    }

    @Test
    void purgingAChannelTakesItsCountsOutOfTheTotals() {
        assertThat(total("topic", "osce")).isEqualTo(5);
        Admin.given().delete("/api/channels/EmbUSA?purge=true").then().statusCode(204);
        assertThat(total("topic", "osce")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_totals WHERE posts <> 0")).isZero();
        assertThat(given().get("/api/top?metric=topic&range=all").then().statusCode(200).extract().jsonPath().getList(""))
                .isEmpty();
    }

    @Test
    void anEditMovesItsCounts() {
        String page = TelegramStandIn.fixture("EmbUSA.html").replace("<a href=\"?q=%23OSCE\">#OSCE</a>, <a href=\"?q=%23UNESCO\">#UNESCO</a>",
                "<a href=\"?q=%23UNESCO\">#UNESCO</a>").replace("Sergey Lavrov: We have", "The minister: We have");
        assertThat(page).isNotEqualTo(TelegramStandIn.fixture("EmbUSA.html"));
        telegram.always("/s/EmbUSA", Answer.page(page));
        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> total("topic", "osce") == 4);
        assertThat(total("topic", "unesco")).isEqualTo(1);
        assertThat(total("mention", "lavrov")).as("13904 still says Sergey Lavrov’s interview").isEqualTo(6);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.DAILY_POST_MISMATCHES)).isZero();
    }

    @Test
    void editingTheWatchlistRecountsHistory() {
        assertThat(total("mention", "antonov")).isZero();
        Admin.given().body(Map.of("label", "Anatoly Antonov", "aliases", List.of("Antonov", "Антонов")))
                .put("/api/watchlist/antonov").then().statusCode(201);
        awaitRecount();
        assertThat(total("mention", "antonov")).isEqualTo(3);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        given().get("/api/watchlist/recount").then().statusCode(200)
                .body("state", containsString("done")).body("done", org.hamcrest.Matchers.equalTo(23));

        Admin.given().delete("/api/watchlist/antonov").then().statusCode(204);
        awaitRecount();
        assertThat(total("mention", "antonov")).isZero();
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        given().get("/api/posts?mention=antonov").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void watchlistWritesNeedTheAdminAndNameBadFields() {
        given().contentType("application/json").body(Map.of("label", "X", "aliases", List.of("X")))
                .put("/api/watchlist/x").then().statusCode(401);
        given().delete("/api/watchlist/lavrov").then().statusCode(401);
        Admin.given().body(Map.of("label", "X", "aliases", List.of("X"))).put("/api/watchlist/Not-A-Key")
                .then().statusCode(400).body("error", containsString("key:"));
        Admin.given().body(Map.of("label", "X", "aliases", List.of())).put("/api/watchlist/x")
                .then().statusCode(400).body("error", containsString("aliases:"));
        Admin.given().body(Map.of("aliases", List.of("X"))).put("/api/watchlist/x")
                .then().statusCode(400).body("error", containsString("label:"));
        given().get("/api/watchlist").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.hasItems("lavrov", "putin", "zakharova", "nato", "eu", "un", "osce",
                        "usa", "ukraine", "belarus", "china"));
    }

    @Test
    void badParametersAreNamed() {
        given().get("/api/series?key=osce").then().statusCode(400).body("error", containsString("metric:"));
        given().get("/api/series?metric=likes").then().statusCode(400).body("error", containsString("metric:"));
        given().get("/api/series?metric=topic").then().statusCode(400).body("error", containsString("key:"));
        given().get("/api/series?metric=posts&bucket=year").then().statusCode(400).body("error", containsString("bucket:"));
        given().get("/api/series?metric=posts&bucket=hour&range=1y").then().statusCode(400).body("error", containsString("bucket:"));
        given().get("/api/series?metric=posts&channel=nobody_here").then().statusCode(400).body("error", containsString("channel:"));
        given().get("/api/top?metric=posts").then().statusCode(400).body("error", containsString("metric:"));
        given().get("/api/top?metric=topic&limit=1000").then().statusCode(400).body("error", containsString("limit:"));
        given().get("/api/top?metric=topic&sort=best").then().statusCode(400).body("error", containsString("sort:"));
    }

    @Test
    void searchIsFullTextAndFilters() {
        // Russian stemming: "диалог" finds "диалога" in 10151 as well as "диалог" in 10136
        List<Map<String, Object>> found = given().get("/api/posts?q=диалог").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(found).extracting(p -> ((Number) p.get("id")).intValue()).containsExactlyInAnyOrder(10151, 10136);
        List<Map<String, Object>> ranked = given().get("/api/posts?q=sanctions").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(ranked).extracting(p -> ((Number) p.get("id")).intValue()).containsExactly(10139);
        // 10212 names Russia seven times, more than any newer post: best match first unless asked otherwise
        List<Integer> relevant = ids("/api/posts?q=Russia&limit=500");
        assertThat(relevant.get(0)).isEqualTo(10212);
        assertThat(ids("/api/posts?q=Russia&sort=newest").get(0)).isEqualTo(13904);
        given().get("/api/posts?sort=relevance").then().statusCode(400).body("error", containsString("sort:"));
        String next = given().get("/api/posts?q=Russia&limit=1").then().statusCode(200).extract().jsonPath().getString("next");
        assertThat(ids("/api/posts?q=Russia&limit=1&cursor=" + next)).containsExactly(relevant.get(1));
        assertThat(given().get("/api/posts?topic=osce").then().statusCode(200).extract().jsonPath().getList("items"))
                .hasSize(5);
        assertThat(given().get("/api/posts?mention=lavrov").then().statusCode(200).extract().jsonPath().getList("items"))
                .hasSize(6);
    }

    private static List<Integer> ids(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class);
    }

    private void awaitRecount() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                "done".equals(given().get("/api/watchlist/recount").then().extract().jsonPath().getString("state")));
    }

    static long total(String metric, String key) {
        return given().queryParam("metric", metric).queryParam("key", key).queryParam("range", "all")
                .get("/api/series").then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
