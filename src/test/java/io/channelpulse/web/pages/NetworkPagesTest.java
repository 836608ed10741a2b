package io.channelpulse.web.pages;

import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.CitingPosts;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The network page, the channel page's citations and the Track buttons, over the two fixture channels and the
 * posts of {@link CitingPosts}: pulse_edge is forwarded (30 minutes later) and mentioned by EmbUSA; both cite the
 * untracked ministry_x.
 */
@QuarkusTest
class NetworkPagesTest {

    /** A few days ago, so the last 30 days (every page's default period) hold these posts and no fixture post. */
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @BeforeEach
    void twoChannelsCitingEachOtherAndAThird() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
        CitingPosts.store(store, dataSource, DAY);
    }

    @Test
    void thePageDrawsAndListsEveryEdgeAndChannel() {
        Document page = page("/network");
        assertThat(page.select("h1").text()).isEqualTo("Network");
        assertThat(page.select("script[src]").eachAttr("src"))
                .contains("/webjars/cytoscape/dist/cytoscape.min.js", "/js/network.js");
        assertThat(page.select("script:not([src]):not([type=application/json])")).as("inline scripts").isEmpty();
        assertThat(page.getElementById("network-graph")).isNotNull();
        assertThat(page.getElementById("network-empty")).isNull();

        assertThat(rows(page, "network-edges")).containsExactly(
                "@EmbUSA | @ministry_x | forward | 1 | –",
                "@EmbUSA | @ministry_x | mention | 1 | –",
                "@EmbUSA | @pulse_edge | forward | 1 | 30 min later",
                "@EmbUSA | @pulse_edge | mention | 1 | –",
                "@pulse_edge | @ministry_x | forward | 1 | –");
        // channel, tracked, citations, posts in the period, subscribers
        assertThat(channelRows(page)).containsExactly(
                "@ministry_x | no | 3 | 0 | –",
                "@pulse_edge | yes | 2 | 2 | 12.3K",
                "@EmbUSA | yes | 0 | 3 | 6,990");
        assertThat(page.select("#network-channels small").eachText()).first().isEqualTo("<b>Ministry</b> X");
        assertThat(page.select("#network-channels tbody a").eachAttr("href")).containsExactly(
                "https://t.me/s/ministry_x", "/channels/pulse_edge?", "/channels/EmbUSA?");
        assertThat(page.html()).doesNotContain("<b>Ministry</b>");

        String graph = page.getElementById("network-data").data();
        assertThat(graph).contains("\"id\":\"ministry_x\"", "\"tracked\":false", "\"id\":\"embusa\"",
                "\"url\":\"https://t.me/s/ministry_x\"", "\"url\":\"/channels/pulse_edge?\"")
                .doesNotContain("<b>");
        List<String> ids = JsonPath.from(graph).getList("nodes.id", String.class);
        assertThat(JsonPath.from(graph).getList("edges", List.class)).anySatisfy(edge -> assertThat(List.of(
                ids.get((Integer) edge.get(0)), ids.get((Integer) edge.get(1)))).containsExactly("embusa", "pulse_edge"));

        assertThat(rows(page, "network-worth-adding")).containsExactly("@ministry_x <b>Ministry</b> X | 3 | 2");
        assertThat(page.select("#network-worth-adding button")).as("Track buttons for visitors").isEmpty();
        assertThat(page.select("#worth-adding a:contains(Log in as admin)").attr("href")).isEqualTo("/admin/network?");
        assertThat(page.select("a:contains(Download CSV)").attr("href")).isEqualTo("/export/network.csv?kind=all");
        assertThat(page.select("a:contains(Download GEXF)").attr("href")).isEqualTo("/export/network.gexf?kind=all");
    }

    @Test
    void everyFilterAndOrderIsInTheUrlAndKeptByTheOtherLinks() {
        Document forwards = page("/network?range=90d&kind=forward&edges_by=lag&channels_by=handle");
        assertThat(rows(forwards, "network-edges")).containsExactly(
                "@EmbUSA | @pulse_edge | forward | 1 | 30 min later",
                "@EmbUSA | @ministry_x | forward | 1 | –",
                "@pulse_edge | @ministry_x | forward | 1 | –");
        assertThat(forwards.select("#network-channels tbody td:first-child a").eachText())
                .containsExactly("@EmbUSA", "@ministry_x", "@pulse_edge");
        assertThat(forwards.select(".ranges a").eachAttr("href"))
                .contains("/network?range=7d&kind=forward&edges_by=lag&channels_by=handle");
        assertThat(forwards.select("#network-kinds a").eachAttr("href"))
                .contains("/network?range=90d&kind=mention&edges_by=lag&channels_by=handle");
        assertThat(forwards.select("#network-edges thead a").eachAttr("href"))
                .contains("/network?range=90d&kind=forward&edges_by=count&channels_by=handle#edges");
        assertThat(forwards.select("#network-edges thead strong").text()).isEqualTo("median lag");
        assertThat(forwards.select("form.custom input[type=hidden]").eachAttr("name"))
                .containsExactly("kind", "edges_by", "channels_by");
        assertThat(forwards.select("a:contains(Download CSV)").attr("href")).isEqualTo("/export/network.csv?kind=forward&range=90d");

        // only pulse_edge's own posts cite: its one forward of ministry_x
        Document one = page("/network?channel=pulse_edge&kind=all");
        assertThat(rows(one, "network-edges")).containsExactly("@pulse_edge | @ministry_x | forward | 1 | –");

        assertThat(forwards.getElementById("edges-cut")).as("a table of three edges is listed whole").isNull();
        given().get("/network?edges=all").then().statusCode(200);
        given().get("/network?edges=10").then().statusCode(400);
        given().get("/network?kind=retweet").then().statusCode(400);
        given().get("/network?edges_by=views").then().statusCode(400);
        given().get("/network?channels_by=title").then().statusCode(400);
    }

    @Test
    void anEmptyNetworkSaysWhyAndWhatToDo() {
        Document quiet = page("/network?from=2025-01-01&to=2025-01-31&kind=mention");
        assertThat(quiet.getElementById("network-graph")).isNull();
        assertThat(quiet.getElementById("network-empty").text()).startsWith("No mentions between channels in this period")
                .contains("names another as @handle").contains("kind all");

        Db.reset(dataSource);
        Document nothing = page("/network");
        assertThat(nothing.getElementById("network-empty").text()).contains("No channels are tracked yet");
        assertThat(nothing.select("#network-empty a").attr("href")).isEqualTo("/admin");
    }

    @Test
    void theChannelPageListsWhoCitesItAndWhomItCitesWithItsCitations() {
        Document edge = page("/channels/pulse_edge");
        assertThat(edge.getElementById("channel-citations").text()).isEqualTo("2");
        assertThat(rows(edge.getElementById("cited-by"))).containsExactly(
                "@EmbUSA | forward | 1 | 30 min later",
                "@EmbUSA | mention | 1 | –");
        assertThat(rows(edge.getElementById("cites"))).containsExactly("@ministry_x | forward | 1 | –");
        assertThat(edge.select("#cited-by a").eachAttr("href")).containsOnly("/channels/EmbUSA?");
        assertThat(edge.select("#cites a").attr("href")).isEqualTo("https://t.me/s/ministry_x");

        Document embassy = page("/channels/EmbUSA?range=all");
        assertThat(embassy.getElementById("channel-citations").text()).isEqualTo("0");
        assertThat(embassy.select("#cited-by .empty").text()).contains("No other tracked channel");
        assertThat(rows(embassy.getElementById("cites"))).contains("@pulse_edge | forward | 1 | 30 min later")
                .anyMatch(row -> row.toLowerCase(java.util.Locale.ROOT).startsWith("@mfarussia | forward | "));
    }

    @Test
    void theAdminTracksAChannelFromTheNetworkPageWithItsCsrfToken() {
        Map<String, String> cookies = logIn();
        Document admin = Jsoup.parse(given().cookies(cookies).get("/admin").then().statusCode(200).extract().asString());
        assertThat(rows(admin, "admin-worth-adding")).containsExactly("@ministry_x <b>Ministry</b> X | 3 | 2 | Track");

        Response network = given().cookies(cookies).get("/network?range=90d&kind=forward");
        assertThat(network.statusCode()).isEqualTo(200);
        cookies.putAll(network.cookies());
        Document page = Jsoup.parse(network.asString());
        Element form = page.selectFirst("#network-worth-adding form");
        assertThat(form.attr("action")).isEqualTo("/admin/channels");
        String csrf = form.selectFirst("input[name=csrf]").attr("value");
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(32).isEqualTo(cookies.get(CsrfToken.COOKIE));
        assertThat(form.selectFirst("input[name=network]").attr("value")).isEqualTo("range=90d&kind=forward");

        // a form without the token (another site's) changes nothing
        given().cookies(cookies).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "ministry_x").formParam("network", "range=90d").post("/admin/channels")
                .then().statusCode(400);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE handle = 'ministry_x'")).isZero();

        Response tracked = given().cookies(cookies).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "ministry_x").formParam("network", "range=90d&kind=forward")
                .formParam("csrf", csrf).post("/admin/channels");
        assertThat(tracked.statusCode()).isEqualTo(303);
        assertThat(tracked.header("Location")).endsWith("/network?range=90d&kind=forward&tracked=ministry_x");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE handle = 'ministry_x'")).isEqualTo(1);

        Document after = Jsoup.parse(given().cookies(cookies).get("/network?range=90d&kind=forward&tracked=ministry_x")
                .then().statusCode(200).extract().asString());
        assertThat(after.getElementById("network-tracked").text()).startsWith("@ministry_x is tracked now");
        assertThat(after.select("#network-channels tr:contains(@ministry_x) td[data-label=tracked]").text()).isEqualTo("yes");
        assertThat(after.select("#network-worth-adding")).isEmpty();
        // a redirect back never leaves the site, whatever the form said
        Response odd = given().cookies(cookies).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "ministry_x").formParam("network", "//evil.example/x?<script>")
                .formParam("csrf", csrf).post("/admin/channels");
        assertThat(odd.header("Location")).endsWith("/network?evil.examplexscript&tracked=ministry_x");
    }

    @Test
    void theLoginLinkOfTheNetworkPageComesBackToIt() {
        Response anonymous = given().redirects().follow(false).get("/admin/network?range=90d&kind=forward");
        assertThat(anonymous.statusCode()).isIn(302, 303);
        assertThat(anonymous.header("Location")).contains("/admin/login");
        Response back = given().cookies(logIn()).redirects().follow(false).get("/admin/network?range=90d&kind=forward");
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.header("Location")).endsWith("/network?range=90d&kind=forward");
    }

    private static Map<String, String> logIn() {
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Admin.PASSWORD).post("/j_security_check");
        assertThat(login.cookies()).containsKey("quarkus-credential");
        return new HashMap<>(login.cookies());
    }

    private static List<String> rows(Document page, String tableId) {
        Element table = page.getElementById(tableId);
        assertThat(table).as("table #%s", tableId).isNotNull();
        return rows(table);
    }

    private static List<String> rows(Element table) {
        return table.select("tbody tr").stream()
                .map(tr -> String.join(" | ", tr.select("td").eachText())).toList();
    }

    /** The channel table's rows as channel, then the cells a phone shows with their column's name. */
    private static List<String> channelRows(Document page) {
        return page.select("#network-channels tbody tr").stream().map(tr -> tr.selectFirst("td a").text() + " | "
                + String.join(" | ", tr.select("td[data-label]").eachText())).toList();
    }

    private static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
