package io.channelpulse.network;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.RollupTimezone;
import io.channelpulse.network.PreviewPages.Post;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

/**
 * Four tracked channels that forward and mention each other and two untracked handles, through the stand-in
 * Telegram: the forwarders are tracked before the channel they forward, so most lags are completed when the
 * source post is stored after its forward. Median lags come from the sketch and are checked against the exact
 * median of the lags, within the sketch's 1% (and a second of rounding).
 */
@QuarkusTest
class NetworkStandInTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String PERIOD = "from=2026-11-01&to=2026-11-10";

    @Inject
    DataSource dataSource;

    @Inject
    RollupTimezone timezone;

    @Inject
    AnalyticsConfig analytics;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @BeforeEach
    void fourChannelsCitingEachOther() {
        Db.reset(dataSource);
        telegram.reset();
        serve("alpha_news", "Alpha News", List.of(
                Post.own(1, at(0), "Alpha statement one"),
                Post.own(2, at(3600), "Read @bravo_news today"),
                Post.own(3, at(7200), "Partner: t.me/outside_two"),
                Post.own(4, at(10800), "Signed @alpha_news")));
        serve("bravo_news", "Bravo News", List.of(
                Post.forward(1, at(600), "Alpha statement one", "alpha_news", "Alpha News", 1),
                Post.forward(2, at(7200 + 3000), "Partner: t.me/outside_two, via @alpha_news", "alpha_news", "Alpha News", 3),
                Post.forward(3, at(10800), "From outside", "outside_one", "Outside One", 50),
                Post.own(4, at(14400), "Ask @charlie_news and @outside_one")));
        serve("charlie_news", "Charlie News", List.of(
                Post.forward(1, at(3600 + 7200), "Read @bravo_news today", "alpha_news", "Alpha News", 2),
                Post.forward(2, at(3600), "Alpha statement one", "bravo_news", "Bravo News", 1),
                Post.forward(3, at(18000), "Gone since", "alpha_news", "Alpha News", 99),
                Post.forward(4, at(21600), "From outside again", "outside_one", "Outside One", 51),
                Post.own(5, at(25200), "Thanks @Alpha_News")));
        serve("delta_news", "Delta News", List.of(
                Post.forward(1, at(86400), "Alpha statement one", "alpha_news", "Alpha News", 1),
                Post.forward(2, at(7200 + 60), "Partner statement", "ALPHA_NEWS", "Alpha News", 3),
                Post.forward(3, at(3600 + 5000), "Read today", "alpha_news", "Alpha News", 2),
                Post.forward(4, at(3600 + 86400), "Alpha statement one", "charlie_news", "Charlie News", 2),
                Post.own(5, at(28800), "See t.me/outside_two"),
                Post.own(6, at(32400), "Our channel @delta_news")));
        // Forwarders first: alpha's posts arrive after every forward of them.
        for (String handle : List.of("bravo_news", "charlie_news", "delta_news", "alpha_news")) {
            Admin.given().body(Map.of("handle", handle)).post("/api/channels").then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM channels WHERE handle = ? AND backfill_done AND last_polled_at IS NOT NULL", handle) == 1);
        }
    }

    private void serve(String handle, String title, List<Post> posts) {
        telegram.always("/s/" + handle, Answer.page(PreviewPages.page(handle, title, posts)));
    }

    /** from → to kind: count and the exact lags of the forwards whose source is stored. */
    private static Map<String, Expected> expectedEdges() {
        Map<String, Expected> edges = new LinkedHashMap<>();
        edges.put("bravo_news>alpha_news forward", new Expected(2, 600, 3000));
        edges.put("bravo_news>alpha_news mention", new Expected(1));
        edges.put("bravo_news>outside_two mention", new Expected(1));
        edges.put("bravo_news>outside_one forward", new Expected(1));
        edges.put("bravo_news>outside_one mention", new Expected(1));
        edges.put("bravo_news>charlie_news mention", new Expected(1));
        edges.put("alpha_news>bravo_news mention", new Expected(1));
        edges.put("alpha_news>outside_two mention", new Expected(1));
        edges.put("charlie_news>alpha_news forward", new Expected(2, 7200));
        edges.put("charlie_news>alpha_news mention", new Expected(1));
        edges.put("charlie_news>bravo_news forward", new Expected(1, 3000));
        edges.put("charlie_news>bravo_news mention", new Expected(1));
        edges.put("charlie_news>outside_one forward", new Expected(1));
        edges.put("delta_news>alpha_news forward", new Expected(3, 86400, 60, 5000));
        edges.put("delta_news>charlie_news forward", new Expected(1, 86400));
        edges.put("delta_news>outside_two mention", new Expected(1));
        return edges;
    }

    private record Expected(long count, long... lags) {
        /** The exact median: the middle lag, or the mean of the two middle ones. */
        Long median() {
            if (lags.length == 0) {
                return null;
            }
            long[] sorted = LongStream.of(lags).sorted().toArray();
            return Math.round((sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2.0);
        }
    }

    @Test
    void everyEdgeWithItsCountAndMedianLag() {
        assertEdges(network("kind=all"), expectedEdges());
    }

    private static void assertEdges(JsonPath network, Map<String, Expected> expected) {
        List<Map<String, Object>> edges = network.getList("edges");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        edges.forEach(e -> byName.put(e.get("from").toString().toLowerCase() + ">" + e.get("to").toString().toLowerCase()
                + " " + e.get("kind"), e));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, want) -> {
            Map<String, Object> edge = byName.get(name);
            assertThat(((Number) edge.get("count")).longValue()).as(name).isEqualTo(want.count());
            Long median = want.median();
            if (median == null) {
                assertThat(edge.get("medianLagSeconds")).as(name + ": no stored source, no lag").isNull();
            } else {
                assertThat(((Number) edge.get("medianLagSeconds")).longValue()).as(name)
                        .isBetween(Math.round(median * 0.99) - 1, Math.round(median * 1.01) + 1);
            }
        });
        assertThat(edges).extracting(e -> ((Number) e.get("count")).longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void theNodesAreTheTrackedChannelsAndEveryChannelTheyCite() {
        List<Map<String, Object>> nodes = network("kind=all").getList("nodes");
        assertThat(nodes).extracting(n -> n.get("handle")).containsExactly(
                "alpha_news", "bravo_news", "outside_one", "outside_two", "charlie_news", "delta_news");
        assertThat(nodes).extracting(n -> ((Number) n.get("citations")).longValue()).containsExactly(8L, 3L, 3L, 3L, 2L, 0L);
        assertThat(nodes).extracting(n -> n.get("tracked")).containsExactly(true, true, false, false, true, true);
        assertThat(nodes).extracting(n -> ((Number) n.get("posts")).longValue()).containsExactly(4L, 4L, 0L, 0L, 5L, 6L);
        Map<String, Object> alpha = nodes.get(0);
        assertThat(alpha.get("title")).isEqualTo("Alpha News");
        assertThat(alpha.get("subscribers")).isEqualTo(1200);
        assertThat(nodes.get(2).get("title")).as("from the forward header").isEqualTo("Outside One");
        assertThat(nodes.get(2).get("subscribers")).isNull();
        assertThat(nodes.get(3).get("title")).as("only ever mentioned").isNull();
    }

    @Test
    void forwardsAndMentionsApart() {
        Map<String, Expected> forwards = new LinkedHashMap<>();
        expectedEdges().forEach((name, want) -> {
            if (name.endsWith("forward")) {
                forwards.put(name, want);
            }
        });
        JsonPath network = network("kind=forward");
        assertEdges(network, forwards);
        List<Map<String, Object>> nodes = network.getList("nodes");
        assertThat(nodes).extracting(n -> n.get("handle") + " " + n.get("citations")).containsExactly(
                "alpha_news 7", "outside_one 2", "bravo_news 1", "charlie_news 1", "delta_news 0");
        JsonPath mentions = network("kind=mention");
        assertThat(mentions.getList("edges.kind")).containsOnly("mention").hasSize(9);
        assertThat(mentions.getList("edges.medianLagSeconds")).containsOnlyNulls();
        given().get("/api/network?kind=retweet").then().statusCode(400).body("error", startsWith("kind:"));
    }

    @Test
    void oneChannelsNetwork() {
        JsonPath network = network("kind=all&channel=delta_news");
        assertThat(network.getList("edges.from")).containsOnly("delta_news").hasSize(3);
        assertThat(network.getList("nodes.handle")).containsExactly("alpha_news", "charlie_news", "outside_two", "delta_news");
    }

    @Test
    void untrackedHandlesByCitationsThenCitingChannels() {
        List<Map<String, Object>> found = given().get("/api/discover/channels?" + PERIOD).then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(found).extracting(c -> c.get("handle") + " " + c.get("title") + " " + c.get("citations") + " "
                + c.get("citingChannels")).containsExactly("outside_two null 3 3", "outside_one Outside One 3 2");
    }

    @Test
    void theGexfFileReadsBackAsTheNetwork() throws Exception {
        byte[] gexf = given().get("/export/network.gexf?" + PERIOD).then().statusCode(200)
                .header("Content-Disposition", startsWith("attachment; filename=\"channel-pulse-network-"))
                .extract().asByteArray();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(gexf));
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("gexf");
        assertThat(root.getNamespaceURI()).isEqualTo("http://gexf.net/1.3");
        assertThat(root.getAttribute("version")).isEqualTo("1.3");
        Element graph = (Element) root.getElementsByTagNameNS("*", "graph").item(0);
        assertThat(graph.getAttribute("defaultedgetype")).isEqualTo("directed");

        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        NodeList nodeList = graph.getElementsByTagNameNS("*", "node");
        for (int i = 0; i < nodeList.getLength(); i++) {
            Element node = (Element) nodeList.item(i);
            Map<String, String> values = attvalues(node);
            values.put("label", node.getAttribute("label"));
            nodes.put(node.getAttribute("id"), values);
        }
        assertThat(nodes.keySet()).containsExactly(
                "alpha_news", "bravo_news", "outside_one", "outside_two", "charlie_news", "delta_news");
        assertThat(nodes.get("alpha_news")).containsEntry("label", "alpha_news").containsEntry("tracked", "true")
                .containsEntry("citations", "8").containsEntry("title", "Alpha News");
        assertThat(nodes.get("outside_one")).containsEntry("tracked", "false").containsEntry("citations", "3");

        Map<String, Expected> expected = expectedEdges();
        List<String> edges = new ArrayList<>();
        NodeList edgeList = graph.getElementsByTagNameNS("*", "edge");
        for (int i = 0; i < edgeList.getLength(); i++) {
            Element edge = (Element) edgeList.item(i);
            String name = edge.getAttribute("source") + ">" + edge.getAttribute("target") + " " + edge.getAttribute("kind");
            edges.add(name);
            assertThat(nodes).as(name).containsKeys(edge.getAttribute("source"), edge.getAttribute("target"));
            assertThat(Long.parseLong(edge.getAttribute("weight"))).as(name).isEqualTo(expected.get(name).count());
            assertThat(attvalues(edge).containsKey("median_lag_seconds")).as(name).isEqualTo(expected.get(name).median() != null);
        }
        assertThat(edges).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void theCsvHasOneLinePerEdge() {
        String csv = given().get("/export/network.csv?" + PERIOD).then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("from,to,kind,count,median_lag_seconds");
        assertThat(lines).hasSize(1 + expectedEdges().size());
        assertThat(lines).contains("bravo_news,outside_one,forward,1,", "delta_news,outside_two,mention,1,");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("delta_news,alpha_news,forward,3,"));
    }

    @Test
    void postsStoredBeforeTheMigrationAreCountedByTheRebuild() throws Exception {
        String before = network("kind=all").prettify();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE daily_citations, daily_forward_lags");
            // What V17 does to a database that has posts: the rollups no longer say which zone they were counted in.
            statement.execute("UPDATE rollup_zone SET zone = NULL WHERE EXISTS (SELECT 1 FROM posts)");
        }
        assertThat(network("kind=all").getList("edges")).isEmpty();
        assertThat(timezone.begin(analytics.timezone())).isTrue();
        while (!timezone.step(500).finished()) {
            assertThat(timezone.state().rebuilding()).isTrue();
        }
        assertThat(network("kind=all").prettify()).isEqualTo(before);
    }

    @Test
    void aPurgedSourceTakesItsEdgesAndTheLagsOfItsForwards() {
        Admin.given().delete("/api/channels/alpha_news?purge=true").then().statusCode(204);
        Map<String, Expected> expected = new LinkedHashMap<>();
        expectedEdges().forEach((name, want) -> {
            if (name.startsWith("alpha_news>")) {
                return;
            }
            // alpha_news is now an untracked handle: its forwards still count, but no source post is stored
            expected.put(name, name.contains(">alpha_news") ? new Expected(want.count()) : want);
        });
        assertEdges(network("kind=all"), expected);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_forward_lags WHERE target = 'alpha_news'")).isZero();
    }

    private static JsonPath network(String query) {
        return given().get("/api/network?" + PERIOD + "&" + query).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> attvalues(Element element) {
        Map<String, String> values = new HashMap<>();
        NodeList list = element.getElementsByTagNameNS("*", "attvalue");
        for (int i = 0; i < list.getLength(); i++) {
            Element value = (Element) list.item(i);
            values.put(value.getAttribute("for"), value.getAttribute("value"));
        }
        return values;
    }
}
