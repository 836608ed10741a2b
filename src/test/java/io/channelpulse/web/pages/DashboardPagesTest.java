package io.channelpulse.web.pages;

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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every page over the fixture channels: status, headings, numbers, links, errors and escaping. */
@QuarkusTest
class DashboardPagesTest {

    @Inject
    DataSource dataSource;

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
    void searchFindsMarksAndLinksToAChart() {
        Document page = page("/search?q=sanctions");
        assertThat(page.select(".posts li")).hasSize(1);
        assertThat(page.select(".posts mark").eachText()).contains("sanctions");
        assertThat(page.select("a:contains(Chart these words)").attr("href")).startsWith("/compare?k=sanctions");
        assertThat(page("/search").select(".empty").text()).contains("Type words");
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

    private static Document page(String url) {
        String html = given().get(url).then().statusCode(200).contentType("text/html").extract().asString();
        return Jsoup.parse(html);
    }
}
