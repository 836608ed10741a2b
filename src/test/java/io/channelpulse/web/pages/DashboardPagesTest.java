package io.channelpulse.web.pages;

import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every page over the fixture channels: status, headings, numbers, links, errors and escaping. */
@QuarkusTest
class DashboardPagesTest {

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    SeriesQuery series;

    @BeforeEach
    void fixtureChannels() {
        Db.reset(dataSource);
        TelegramStandIn telegram = PulseTestResources.telegram();
        telegram.reset();
        String edge = TelegramStandIn.fixture("pulse_edge.html").replace("Signed and edited post. <a",
                "&lt;script&gt;alert('x')&lt;/script&gt; Signed and edited post. <a");
        telegram.always("/s/pulse_edge", Answer.page(edge));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
    }

    @Test
    void overviewShowsTotalsTopListsAndTheChartData() {
        Document page = page("/?range=all");
        assertThat(page.select("h1").text()).isEqualTo("Overview");
        assertThat(page.getElementById("total-posts").text()).isEqualTo("28");
        Element chart = page.selectFirst("script[type=application/json][data-chart-for=chart-volume]");
        assertThat(chart.data()).contains("\"EmbUSA\"").contains("\"pulse_edge\"");
        assertThat(page.select("#topics a").eachText()).contains("OSCE");
        assertThat(page.select("#topics a[href^=/topics/osce]").attr("href")).contains("range=all");
        assertThat(page.select("#mentions a").eachText()).contains("Sergey Lavrov");
        assertThat(page.select(".ranges a").eachAttr("href")).contains("/?range=7d", "/?range=all");
        assertThat(page.select("a:contains(Download CSV)").eachAttr("href"))
                .contains("/export/series.csv?metric=posts&range=all", "/export/top.csv?metric=topic&range=all");
        assertThat(page.select("#topics svg.spark polyline").attr("points")).isNotBlank();
        assertThat(page.select("script[src]").eachAttr("src")).containsExactly("/webjars/chart.js/dist/chart.umd.js", "/js/charts.js");
    }

    @Test
    void topicPageHasItsSeriesSplitAndPostsWithTheTermMarked() {
        Document page = page("/topics/osce?range=all&bucket=month");
        assertThat(page.select("h1").text()).isEqualTo("Topic: OSCE");
        assertThat(page.getElementById("term-total").text()).isEqualTo("6");
        assertThat(page.select(".posts li")).hasSize(6);
        assertThat(page.select(".posts mark").eachText()).allMatch(t -> t.equalsIgnoreCase("osce"));
        assertThat(page.selectFirst("script[data-chart-for=chart-series]").data()).contains("\"2023-05-01\"");
        assertThat(page.select("a:contains(Download CSV)").eachAttr("href"))
                .contains("/export/series.csv?metric=topic&key=osce&range=all&bucket=month");
    }

    @Test
    void mentionPageMarksWordFormsFromTheWatchlist() {
        Document page = page("/mentions/lavrov?range=all");
        assertThat(page.select("h1").text()).isEqualTo("Mention: Sergey Lavrov");
        assertThat(page.getElementById("term-total").text()).isEqualTo("6");
        assertThat(page.select(".posts mark").eachText()).contains("Лавров");
    }

    @Test
    void channelPageShowsStateSubscribersHeatmapAndSources() {
        Document page = page("/channels/embusa?range=all");
        assertThat(page.select("h1").text()).isEqualTo("Embassy of Russia in the USA / Посольство России в США");
        assertThat(page.text()).contains("status active").contains("backfill 2 pages, done");
        assertThat(page.selectFirst("script[data-chart-for=chart-subscribers]").data()).contains("6990");
        assertThat(page.select(".heatmap tbody tr")).hasSize(7);
        assertThat(page.select("section:has(h2:contains(Forwarded from)) td a").eachText()).contains("Russian MFA 🇷🇺");
    }

    @Test
    void comparePutsSeveralTermsOnOneChart() {
        Document page = page("/compare?k=topic:osce&k=mention:nato&k=un&k=@mfarussia&range=all");
        String data = page.selectFirst("script[data-chart-for=chart-compare]").data();
        // a bare watched key is a mention, a bare other word a topic
        assertThat(data).contains("\"#osce\"").contains("\"nato\"").contains("\"un\"").contains("\"mfarussia\"");
        assertThat(page("/compare?k=topic:osce&share=true&range=all").selectFirst("script[data-chart-for=chart-compare]")
                .data()).contains("\"#osce\"");
    }

    @Test
    void compareChartsUpToTenTermsAndRefusesMoreWithA400() {
        String ten = String.join("&", java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "k=topic:t" + i).toList());
        assertThat(page("/compare?" + ten + "&k=&range=all").select("input[name=k][value]")).hasSize(10);
        String html = given().get("/compare?" + ten + "&k=mention:nato&range=all").then().statusCode(400)
                .contentType("text/html").extract().asString();
        assertThat(Jsoup.parse(html).getElementById("error-message").text())
                .isEqualTo("k: compare at most 10 topics or names at once (11 given)");
    }

    @Test
    void aWatchedNameIsReadByItsKey() {
        given().get("/api/watchlist/lavrov").then().statusCode(200).body("label", org.hamcrest.Matchers.equalTo("Sergey Lavrov"));
        given().get("/api/watchlist/nobody_watched").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("'nobody_watched' is not on the watchlist"));
        assertThat(page("/mentions/lavrov?range=all").select(".posts mark")).isNotEmpty();
    }

    /** The compare page reads all its terms in one query; each series is the one a query of its own gave. */
    @Test
    void oneQueryForSeveralTermsCountsAsAQueryPerTermDoes() {
        java.time.LocalDate first = java.time.LocalDate.parse("2023-01-01");
        java.time.LocalDate last = java.time.LocalDate.parse("2023-12-31");
        List<SeriesQuery.Keyed> terms = List.of(new SeriesQuery.Keyed(Metric.TOPIC, "osce"),
                new SeriesQuery.Keyed(Metric.MENTION, "lavrov"), new SeriesQuery.Keyed(Metric.TOPIC, "lavrov"),
                new SeriesQuery.Keyed(Metric.TOPIC, "nothing_like_it"));
        long embUsa = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        for (List<Long> channels : java.util.Arrays.asList(null, List.of(embUsa))) {
            for (Bucket bucket : List.of(Bucket.DAY, Bucket.MONTH)) {
                Map<SeriesQuery.Keyed, List<Point>> together = series.dailyForTerms(terms, channels, first, last, bucket);
                assertThat(together.keySet()).containsExactlyElementsOf(terms);
                for (SeriesQuery.Keyed term : terms) {
                    assertThat(together.get(term)).as(term + " in " + channels + " by " + bucket)
                            .isEqualTo(series.daily(term.metric(), term.key(), channels, first, last, bucket));
                }
            }
        }
        assertThat(series.dailyForTerms(terms, null, first, last, Bucket.MONTH).get(terms.get(0)).stream()
                .mapToLong(Point::count).sum()).as("the fixture's OSCE posts of 2023").isEqualTo(4);
    }

    @Test
    void searchFindsMarksAndLinksToAChart() {
        Document page = page("/search?q=sanctions");
        assertThat(page.select(".posts li")).hasSize(1);
        assertThat(page.select(".posts mark").eachText()).contains("sanctions");
        assertThat(page.select("a:contains(Chart these words)").attr("href")).startsWith("/compare?k=sanctions");
        assertThat(page("/search").select(".empty").text()).contains("Type words");
    }

    /** The search page pages with the listings' one cursor format; links with its older bare offsets still work. */
    @Test
    void searchPagesWithTheOneCursorFormatAndReadsOlderLinks() {
        List<String> fromStart = page("/search?q=OSCE").select(".posts li").eachText();
        assertThat(fromStart).isNotEmpty();
        assertThat(page("/search?q=OSCE&cursor=" + io.channelpulse.web.PostCursor.encodeOffset(1)).select(".posts li")
                .eachText()).isEqualTo(fromStart.subList(1, fromStart.size()));
        assertThat(page("/search?q=OSCE&cursor=1").select(".posts li").eachText())
                .isEqualTo(fromStart.subList(1, fromStart.size()));
    }

    @Test
    void postTextIsEscaped() {
        String html = given().get("/?range=all&channel=pulse_edge").then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        assertThat(html).contains("Text with &lt;angle brackets&gt; &amp; ampersands");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?range=2w", "/?bucket=year", "/?from=yesterday", "/?channel=nobody_here",
            "/topics/osce?range=2w", "/compare?k=likes:osce", "/search?q=x&cursor=abc"})
    void aBadParameterIsA400PageThatNamesIt(String url) {
        String html = given().get(url).then().statusCode(400).contentType("text/html").extract().asString();
        String message = Jsoup.parse(html).getElementById("error-message").text();
        assertThat(message).matches("^(range|bucket|from|channel|k|cursor): .+");
    }

    @Test
    void anUnknownChannelIsA404Page() {
        String html = given().get("/channels/nobody_here").then().statusCode(404).contentType("text/html").extract().asString();
        assertThat(Jsoup.parse(html).select("h1").text()).isEqualTo("Not found");
    }

    @Test
    void theApiStillAnswersJsonErrors() {
        given().get("/api/posts?limit=0").then().statusCode(400).contentType("application/json");
    }

    @Test
    void pagesForbidScriptsFromElsewhere() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
    }

    @Test
    void chartJsComesFromTheWebjar() {
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200);
        given().get("/js/charts.js").then().statusCode(200);
    }

    @Test
    void anEmptyDatabaseShowsHowToBegin() {
        Db.reset(dataSource);
        Document page = page("/");
        Element box = page.getElementById("getting-started");
        assertThat(box).as("the getting-started box").isNotNull();
        assertThat(box.select("a[href=/admin]")).isNotEmpty();
        assertThat(box.select("a[href=/admin#demo]")).isNotEmpty();
        assertThat(box.text()).contains("PULSE_CHANNELS=EmbUSA")
                .containsPattern("curl -u admin:PASSWORD .*-d '\\{\"handle\":\"EmbUSA\"\\}' http://localhost:\\d+/api/channels")
                .contains("java -jar target/quarkus-app/quarkus-run.jar generate --posts 100000 --channels 20 --years 1")
                .contains("Generate demo data");
        assertThat(page.select(".chart-empty").text()).contains("No posts stored yet");
    }

    @Test
    void theGettingStartedBoxGoesOnceThereArePosts() {
        assertThat(page("/").getElementById("getting-started")).isNull();
        assertThat(page("/?range=all").getElementById("getting-started")).isNull();
    }

    @Test
    void aChartWithNothingToDrawSaysWhy() {
        String empty = "from=2001-01-01&to=2001-01-31";
        assertThat(page("/?" + empty).select(".chart:has(#chart-volume) .chart-empty").text())
                .startsWith("No posts in this period yet");
        Document topic = page("/topics/osce?" + empty);
        assertThat(topic.select(".chart:has(#chart-series) .chart-empty").text()).startsWith("No posts name it in this period yet");
        assertThat(topic.select(".chart:has(#chart-split) .chart-empty").text()).startsWith("No channel named it");
        assertThat(page("/mentions/lavrov?" + empty).select(".chart:has(#chart-series) .chart-empty").text())
                .startsWith("No posts name it in this period yet");
        Document channel = page("/channels/EmbUSA?" + empty);
        assertThat(channel.select(".chart:has(#chart-subscribers) .chart-empty").text()).startsWith("No subscriber counts");
        assertThat(channel.select(".chart:has(#chart-views) .chart-empty").text()).startsWith("No posts with views");
        assertThat(channel.select(".empty").text()).contains("no hours to show");
        assertThat(page("/compare?k=topic:osce&" + empty).select(".chart-empty").text())
                .startsWith("None of these appear in posts in this period yet");
        assertThat(page("/compare").select(".chart-empty").text()).startsWith("Nothing to compare yet");
        assertThat(page("/search?q=sanctions&" + empty).select(".empty").text())
                .contains("No stored post contains these words in this period");

        // and none where there is something to draw
        assertThat(page("/?range=all").select(".chart-empty")).isEmpty();
        assertThat(page("/topics/osce?range=all").select(".chart-empty")).isEmpty();
        assertThat(page("/channels/EmbUSA?range=all").select(".chart-empty")).isEmpty();
        assertThat(page("/compare?k=topic:osce&range=all").select(".chart-empty")).isEmpty();
    }

    @Test
    void numbersAreGroupedOrShortenedAndTimesReadable() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("UPDATE channels SET subscribers = 136488052 WHERE handle = 'EmbUSA'");
        }
        Document overview = page("/?range=all");
        Element views = overview.getElementById("total-views");
        long total = Db.count(dataSource, "SELECT sum(views) FROM daily_posts");
        assertThat(total).isGreaterThan(10_000);
        assertThat(views.attr("title")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", total));
        assertThat(views.text()).isEqualTo(PageExtensions.compact(total)).matches("\\d+(\\.\\d)?[KM]");
        assertThat(overview.select("#channels td[data-label=subscribers]").eachText()).contains("136.5M");
        assertThat(overview.select("#channels td[data-label=subscribers] span").eachAttr("title")).contains("136,488,052");
        assertThat(overview.select(".posts .meta").text()).contains("1.2M views").contains("2,310 views");

        Element time = overview.selectFirst(".posts .meta time");
        assertThat(time.attr("datetime")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z");
        assertThat(time.text()).isEqualTo(PageExtensions.time(java.time.Instant.parse(time.attr("datetime")),
                java.time.ZoneId.of("UTC"))).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}");
        assertThat(overview.select("footer").text()).contains("Times in UTC");
        assertThat(overview.select("#channels td[data-label='last poll'] time").eachText())
                .hasSize(2).allMatch(t -> t.matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}"));
        assertThat(overview.html()).doesNotContainPattern(">\\s*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

        Document channel = page("/channels/EmbUSA?range=all");
        assertThat(channel.select(".card .number").eachText()).contains("136.5M");
        assertThat(channel.selectFirst("script[data-chart-for=chart-views]").data())
                .containsPattern("\"\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}\"");
        assertThat(page("/topics/osce?range=all").select(".posts time").eachText())
                .allMatch(t -> t.matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}"));
    }

    @Test
    void theJsonApiKeepsIsoInstants() {
        given().get("/api/posts?limit=1").then().statusCode(200)
                .body("items[0].publishedAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }

    @Test
    void aNewPostAndAWatchlistEditAreSeenByTheNextRequestThoughAnswersAreKept() {
        String series = "/api/series?metric=topic&key=osce&range=all&bucket=week";
        String top = "/api/top?metric=topic&range=all";
        long embUsaPosts = Db.count(dataSource, "SELECT count(*) FROM posts p JOIN channels c ON c.id = p.channel_id"
                + " WHERE c.handle = 'EmbUSA' AND p.kind = 'post'");
        long embUsaStored = channelRowPosts(page("/?range=all"), "EmbUSA");
        for (int i = 0; i < 2; i++) { // the second time from the kept answers
            assertThat(given().get(series).then().statusCode(200).extract().jsonPath().getLong("total")).isEqualTo(6);
            assertThat(page("/?range=all").getElementById("total-posts").text()).isEqualTo("28");
            assertThat(channelRowPosts(page("/?range=all"), "EmbUSA")).isEqualTo(embUsaStored);
            assertThat(page("/topics/osce?range=all").getElementById("term-total").text()).isEqualTo("6");
            assertThat(heatmapPosts(page("/channels/EmbUSA?range=all"))).isEqualTo(embUsaPosts);
        }
        long channel = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        store.storePosts(channel, List.of(new ParsedPost("EmbUSA", 990_001, Instant.now().minusSeconds(3600),
                ParsedPost.Kind.POST, "A late note on the #OSCE and #Pulsekept", 10L, false, null, null, null,
                List.of(), List.of(), List.of())), Instant.now());

        assertThat(given().get(series).then().statusCode(200).extract().jsonPath().getLong("total")).isEqualTo(7);
        assertThat(given().get(top + "&limit=100").then().extract().jsonPath().getList("key", String.class))
                .contains("pulsekept");
        assertThat(page("/?range=all").getElementById("total-posts").text()).isEqualTo("29");
        assertThat(channelRowPosts(page("/?range=all"), "EmbUSA")).isEqualTo(embUsaStored + 1);
        assertThat(page("/topics/osce?range=all").getElementById("term-total").text()).isEqualTo("7");
        assertThat(heatmapPosts(page("/channels/EmbUSA?range=all"))).isEqualTo(embUsaPosts + 1);

        assertThat(page("/mentions/lavrov?range=all").select("h1").text()).isEqualTo("Mention: Sergey Lavrov");
        assertThat(given().get("/api/top?metric=mention&range=all&limit=100").then().extract().jsonPath()
                .getList("label", String.class)).contains("Sergey Lavrov");
        List<String> aliases = given().get("/api/watchlist/lavrov").then().statusCode(200).extract().jsonPath()
                .getList("aliases", String.class);
        try {
            Admin.given().body(Map.of("label", "S. V. Lavrov", "aliases", aliases)).put("/api/watchlist/lavrov")
                    .then().statusCode(200);
            assertThat(page("/mentions/lavrov?range=all").select("h1").text()).isEqualTo("Mention: S. V. Lavrov");
            assertThat(given().get("/api/top?metric=mention&range=all&limit=100").then().extract().jsonPath()
                    .getList("label", String.class)).contains("S. V. Lavrov").doesNotContain("Sergey Lavrov");
            assertThat(page("/?range=all").select("#mentions a").eachText()).contains("S. V. Lavrov");
        } finally { // the watchlist outlives Db.reset
            awaitRecount();
            Admin.given().body(Map.of("label", "Sergey Lavrov", "aliases", aliases)).put("/api/watchlist/lavrov")
                    .then().statusCode(200);
            awaitRecount();
        }
    }

    /**
     * The search page keeps its ranking by the data version: a new post is in the next search, and so is an edit of
     * a post's text that moves no count (V34), though the same search was answered from the kept ranking before.
     */
    @Test
    void aNewPostAndAnEditOfItsTextAreInTheNextSearchThoughTheRankingIsKept() {
        String search = "/search?q=Pulseranked";
        for (int i = 0; i < 2; i++) {
            assertThat(page(search).select(".posts li")).isEmpty();
        }
        long channel = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        Instant at = Instant.now().minusSeconds(3600);
        store.storePosts(channel, List.of(plainPost(990_002, at, "Pulseranked: a note nobody tagged")), Instant.now());
        for (int i = 0; i < 2; i++) {
            assertThat(page(search).select(".posts li").eachText()).singleElement().asString().contains("nobody tagged");
        }

        store.storePosts(channel, List.of(plainPost(990_002, at, "A note nobody tagged, the word taken out")),
                Instant.now().plusSeconds(1));

        assertThat(page(search).select(".posts li")).isEmpty();
        String taken = "/search?q=taken";
        assertThat(page(taken).select(".posts li").eachText()).singleElement().asString().contains("the word taken out");

        // Only the text, as no storing path changes it: nothing counted moves, the version does.
        long version = Db.count(dataSource, "SELECT version FROM network_version");
        Db.execute(dataSource, "UPDATE posts SET text = 'A note nobody tagged' WHERE id = 990002");
        assertThat(Db.count(dataSource, "SELECT version FROM network_version")).isGreaterThan(version);
        assertThat(page(taken).select(".posts li")).isEmpty();
    }

    private static ParsedPost plainPost(long id, Instant at, String text) {
        return new ParsedPost("EmbUSA", id, at, ParsedPost.Kind.POST, text, 10L, false, null, null, null,
                List.of(), List.of(), List.of());
    }

    private static void awaitRecount() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "done".equals(given().get("/api/watchlist/recount").then().extract().jsonPath().getString("state")));
    }

    @Test
    void keptPanelsLinkWithTheFiltersOfTheirOwnRequest() {
        for (String bucket : List.of("", "&bucket=month", "&bucket=week")) { // the same period, other links
            String overview = "/?range=all" + bucket;
            assertThat(page(overview).select("#topics a[href^=/topics/osce]").attr("href"))
                    .isEqualTo("/topics/osce?range=all" + bucket);
            assertThat(page("/topics/osce?range=all" + bucket).select("a:contains(Download CSV)").eachAttr("href"))
                    .contains("/export/series.csv?metric=topic&key=osce&range=all" + bucket);
        }
    }

    /** The overview's post count of a channel, from its row in the Channels table. */
    private static long channelRowPosts(Document page, String handle) {
        return Long.parseLong(page.select("#channels tr:has(a:containsOwn(@" + handle + ")) td[data-label=posts]").text()
                .replaceAll("[^0-9]", ""));
    }

    /** The posts the channel page's weekday × hour table counts. */
    private static long heatmapPosts(Document page) {
        return page.select("table.heatmap td[title]").eachAttr("title").stream()
                .mapToLong(t -> Long.parseLong(t.replaceAll("[^0-9]", ""))).sum();
    }

    private static Document page(String url) {
        String html = given().get(url).then().statusCode(200).contentType("text/html").extract().asString();
        return Jsoup.parse(html);
    }
}
