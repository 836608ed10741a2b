package io.channelpulse.web;

import io.channelpulse.export.Rfc4180;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A post's own API and page over the two fixture channels, with posts stored the way a poll stores them
 * (PostStore.storePosts, each read at its own time): versions, views, deletion, forwards both ways, escaping.
 */
@QuarkusTest
class PostStoryTest {

    static final Instant PUBLISHED = Instant.parse("2024-03-10T08:00:00Z");
    static final Instant FIRST_READ = Instant.parse("2024-03-10T08:05:00Z");
    static final Instant SECOND_READ = Instant.parse("2024-03-10T09:00:00Z");
    static final Instant THIRD_READ = Instant.parse("2024-03-10T12:30:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    long edge;
    long embassy;

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
        edge = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'pulse_edge'");
        embassy = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
    }

    @Test
    void aPostEditedTwiceHasThreeVersionsInOrderWithTheirTimesAndItsViews() {
        store.storePosts(edge, List.of(post(700, "Talks in Vienna today.", 10L)), FIRST_READ);
        store.storePosts(edge, List.of(post(700, "Talks in Geneva today.", 250L)), SECOND_READ);
        store.storePosts(edge, List.of(post(700, "Talks in Geneva today.\nUpdate: postponed.", 1200L)), THIRD_READ);

        JsonPath story = given().get("/api/posts/pulse_edge/700").then().statusCode(200).extract().jsonPath();
        assertThat(story.getString("channel")).isEqualTo("pulse_edge");
        assertThat(story.getLong("id")).isEqualTo(700);
        assertThat(story.getString("text")).isEqualTo("Talks in Geneva today.\nUpdate: postponed.");
        assertThat(story.getBoolean("edited")).isTrue();
        assertThat(story.getList("versions.text")).containsExactly("Talks in Vienna today.", "Talks in Geneva today.",
                "Talks in Geneva today.\nUpdate: postponed.");
        assertThat(story.getList("versions.seenAt")).containsExactly(FIRST_READ.toString(), SECOND_READ.toString(),
                THIRD_READ.toString());
        assertThat(story.getList("views.t")).containsExactly(FIRST_READ.toString(), SECOND_READ.toString(),
                THIRD_READ.toString());
        assertThat(story.getList("views.views", Long.class)).containsExactly(10L, 250L, 1200L);
        assertThat(story.getBoolean("deleted")).isFalse();
        assertThat(story.getString("deletedSeenAt")).isNull();
        assertThat(story.getList("forwardedBy")).isEmpty();

        // Any case of the handle names the same post; an unedited fixture post has its one version.
        assertThat(given().get("/api/posts/PULSE_EDGE/700").then().statusCode(200).extract().jsonPath()
                .getList("versions")).hasSize(3);
        assertThat(given().get("/api/posts/pulse_edge/501").then().statusCode(200).extract().jsonPath()
                .getList("versions")).hasSize(1);

        Document page = page("/posts/pulse_edge/700");
        assertThat(page.select(".version")).hasSize(3);
        assertThat(page.select("#version-2 del").text()).contains("Vienna");
        assertThat(page.select("#version-2 ins").text()).contains("Geneva");
        assertThat(page.select("#version-3 ins").text()).contains("Update: postponed.");
        assertThat(page.select("#version-3 del")).isEmpty();
        assertThat(page.select("#version-2 .sr-only").eachText()).contains("[removed:", "[added:");
        assertThat(page.select("#version-1 .meta time").attr("datetime")).isEqualTo(FIRST_READ.toString());
        assertThat(page.selectFirst("script[type=application/json][data-chart-for=chart-post-views]").data())
                .contains("[10,250,1200]");
        assertThat(page.getElementById("on-telegram").attr("href")).isEqualTo("https://t.me/pulse_edge/700");
        assertThat(page.getElementById("deleted")).isNull();
    }

    @Test
    void aPostWeDoNotHaveIs404AndABadHandleOrIdIs400() {
        given().get("/api/posts/pulse_edge/99999").then().statusCode(404)
                .body("error", containsString("pulse_edge/99999"));
        given().get("/api/posts/nobody_tracked/1").then().statusCode(404);
        given().get("/api/posts/x!/1").then().statusCode(400).body("error", containsString("handle"));
        given().get("/api/posts/pulse_edge/abc").then().statusCode(400).body("error", containsString("id"));
        given().get("/api/posts/pulse_edge/0").then().statusCode(400).body("error", containsString("id"));
        given().get("/posts/pulse_edge/99999").then().statusCode(404).contentType(containsString("text/html"));
        given().get("/posts/pulse_edge/abc").then().statusCode(400);
    }

    @Test
    void deletedPostsAreMarkedInTheListingTheCsvAndThePageAndCanBeListed() {
        store.storePosts(edge, List.of(post(700, "Talks in Vienna today.", 10L)), FIRST_READ);
        store.storePosts(edge, List.of(post(700, "Talks in Geneva today.", 11L)), SECOND_READ);
        update("UPDATE posts SET deleted_at = ? WHERE channel_id = ? AND id = ?",
                java.time.OffsetDateTime.parse("2024-03-11T06:00:00Z"), edge, 502L);

        List<Map<String, Object>> all = given().get("/api/posts?limit=500&channel=pulse_edge").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(all).allSatisfy(p -> assertThat(p).containsKeys("deleted", "deletedSeenAt"));
        Map<String, Object> deleted = all.stream().filter(p -> ((Number) p.get("id")).intValue() == 502).findFirst().orElseThrow();
        assertThat(deleted.get("deleted")).isEqualTo(true);
        assertThat(deleted.get("deletedSeenAt")).isEqualTo("2024-03-11T06:00:00Z");
        assertThat(all).filteredOn(p -> ((Number) p.get("id")).intValue() != 502)
                .allSatisfy(p -> assertThat(p.get("deleted")).isEqualTo(false));

        assertThat(ids("channel=pulse_edge&deleted=true")).containsExactly(502L);
        assertThat(ids("channel=pulse_edge&deleted=false")).doesNotContain(502L).hasSize(all.size() - 1);
        // 504 is marked edited on its fixture page; 700 we saw change.
        assertThat(ids("channel=pulse_edge&edited=true")).containsExactlyInAnyOrder(700L, 504L);
        assertThat(ids("channel=pulse_edge&edited=true&deleted=true")).isEmpty();
        given().get("/api/posts?deleted=yes").then().statusCode(400).body("error", containsString("deleted"));

        List<List<String>> csv = Rfc4180.parse(given().get("/export/posts.csv?channel=pulse_edge").then().statusCode(200)
                .extract().asString());
        assertThat(csv.get(0).get(csv.get(0).size() - 1)).isEqualTo("deleted_at");
        assertThat(csv.stream().skip(1).filter(r -> r.get(1).equals("502")).findFirst().orElseThrow())
                .last().isEqualTo("2024-03-11T06:00:00Z");
        assertThat(csv.stream().skip(1).filter(r -> r.get(1).equals("501")).findFirst().orElseThrow())
                .last().isEqualTo("");
        given().get("/export/posts.csv?channel=pulse_edge&deleted=true").then().statusCode(200)
                .header("Content-Disposition", containsString("-deleted"));
        assertThat(Rfc4180.parse(given().get("/export/posts.csv?channel=pulse_edge&deleted=true").then().statusCode(200)
                .extract().asString())).extracting(r -> r.get(1)).containsExactly("id", "502");
        assertThat(Rfc4180.parse(given().get("/export/posts.csv?channel=pulse_edge&edited=true").then().statusCode(200)
                .extract().asString())).extracting(r -> r.get(1)).containsExactlyInAnyOrder("id", "700", "504");
        given().get("/export/posts.csv?edited=maybe").then().statusCode(400).body("error", containsString("edited"));

        Document page = page("/posts/pulse_edge/502");
        assertThat(page.getElementById("deleted").text()).startsWith("Deleted — noticed")
                .contains("11 Mar 2024");
        assertThat(page("/channels/pulse_edge?range=all").select(".posts li:has(a[href=/posts/pulse_edge/502])").text())
                .contains("deleted");
    }

    @Test
    void aForwardHalfAnHourLaterIsInTheSourcesForwardedByAndBothPagesLinkEachOther() {
        store.storePosts(edge, List.of(post(700, "Statement on the talks.", 10L)), FIRST_READ);
        store.storePosts(embassy, List.of(new ParsedPost("EmbUSA", 20000, PUBLISHED.plusSeconds(1800), ParsedPost.Kind.POST,
                "", 5L, false, null, new ParsedPost.ForwardSource("Pulse Edge", "Pulse_Edge", 700L), null,
                List.of(), List.of(), List.of())), SECOND_READ);

        JsonPath source = given().get("/api/posts/pulse_edge/700").then().statusCode(200).extract().jsonPath();
        assertThat(source.getList("forwardedBy")).hasSize(1);
        assertThat(source.getString("forwardedBy[0].channel")).isEqualTo("EmbUSA");
        assertThat(source.getLong("forwardedBy[0].id")).isEqualTo(20000);
        assertThat(source.getString("forwardedBy[0].publishedAt")).isEqualTo("2024-03-10T08:30:00Z");
        assertThat(source.getLong("forwardedBy[0].lagSeconds")).isEqualTo(1800);
        JsonPath forward = given().get("/api/posts/EmbUSA/20000").then().statusCode(200).extract().jsonPath();
        assertThat(forward.getString("source.channel")).isEqualTo("pulse_edge");
        assertThat(forward.getLong("source.id")).isEqualTo(700);

        Document sourcePage = page("/posts/pulse_edge/700");
        assertThat(sourcePage.select("#forwarded-by a[href=/posts/EmbUSA/20000]")).hasSize(1);
        assertThat(sourcePage.select("#forwarded-by").text()).contains("30 min later");
        Document forwardPage = page("/posts/EmbUSA/20000");
        assertThat(forwardPage.select("#forwarded-from a[href=/posts/pulse_edge/700]")).hasSize(1);
        assertThat(forwardPage.select("#forwarded-from a[href=https://t.me/Pulse_Edge/700]")).hasSize(1);
    }

    @Test
    void thePageEscapesThePostsTextAndEveryListLinksToPostPages() {
        store.storePosts(edge, List.of(post(700, "<script>alert('x')</script> & a statement on tariffs", 10L)), FIRST_READ);
        String html = given().get("/posts/pulse_edge/700").then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        assertThat(Jsoup.parse(html).getElementById("post-text").text()).isEqualTo("<script>alert('x')</script> & a statement on tariffs");

        assertThat(page("/?range=all").select(".posts a.post-link").eachAttr("href")).contains("/posts/pulse_edge/700");
        assertThat(page("/channels/pulse_edge?range=all").select(".posts a.post-link").eachAttr("href"))
                .contains("/posts/pulse_edge/700");
        assertThat(page("/search?q=tariffs").select(".posts a.post-link").eachAttr("href")).contains("/posts/pulse_edge/700");
        assertThat(page("/topics/osce?range=all").select(".posts a.post-link").eachAttr("href"))
                .contains("/posts/pulse_edge/505");
        assertThat(page("/mentions/lavrov?range=all").select(".posts a.post-link").eachAttr("href"))
                .allMatch(href -> href.startsWith("/posts/EmbUSA/")).isNotEmpty();
        assertThat(page("/digest/preview?date=2023-05-17").select("a[href$=/posts/EmbUSA/10230]")).hasSize(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheStoryWithThePostsOwnFields() {
        JsonPath document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> story = document.getMap("components.schemas.PostStory.properties");
        assertThat(story).containsKeys("channel", "id", "text", "deleted", "deletedSeenAt", "versions", "views",
                "forwardedBy", "source").doesNotContainKey("post");
        assertThat(document.getMap("components.schemas.PostView.properties")).containsKeys("deleted", "deletedSeenAt");
        assertThat(document.getList("paths.'/api/posts'.get.parameters.name")).contains("deleted", "edited");
    }

    private static ParsedPost post(long id, String text, Long views) {
        return new ParsedPost("pulse_edge", id, PUBLISHED, ParsedPost.Kind.POST, text, views, false, null, null, null,
                List.of(), List.of(), List.of());
    }

    private static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }

    private static List<Long> ids(String query) {
        return given().get("/api/posts?limit=500&" + query).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().map(p -> ((Number) p.get("id")).longValue()).toList();
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
