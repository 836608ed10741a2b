package io.channelpulse.web;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/posts over both fixture channels: order, paging and filters. */
@QuarkusTest
class PostListingTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done") == 2);
    }

    @Test
    void cursorPagesCoverEveryPostOnceNewestFirst() {
        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/posts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(29);
        assertThat(seen).extracting(p -> p.get("channel") + "/" + p.get("id")).doesNotHaveDuplicates();
        List<String> times = seen.stream().map(p -> (String) p.get("publishedAt")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersByChannelPeriodTopicMentionAndText() {
        assertThat(items("channel=pulse_edge")).hasSize(6);
        assertThat(items("channel=pulse_edge&channel=EMBUSA")).hasSize(29);
        assertThat(items("channel=@pulse_edge")).hasSize(6);
        given().get("/api/posts?channel=nobody_here").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("channel:"));
        // 501 is 2024-03-01T07:00Z: in UTC it is on March 1st, the date-only bounds cover whole days
        assertThat(ids("channel=pulse_edge&from=2024-03-01&to=2024-03-01")).containsExactly(501L);
        assertThat(ids("channel=pulse_edge&from=2024-03-05")).containsExactly(506L, 505L);
        assertThat(ids("topic=OSCE&channel=pulse_edge")).containsExactly(505L);
        assertThat(ids("mention=@Channel_Pulse_Test")).containsExactly(503L);
        assertThat(ids("q=millions")).containsExactly(502L);
        assertThat(ids("q=Лавров&channel=EmbUSA")).contains(10151L);
    }

    /** The channels of a request are looked up together; the first one that cannot be used is the one named. */
    @Test
    void severalChannelsAreResolvedTogetherAndTheFirstBadOneIsNamed() {
        assertThat(items("channel=https://t.me/s/pulse_edge&channel=@embusa&channel=pulse_edge&channel=")).hasSize(29);
        given().get("/api/posts?channel=EmbUSA&channel=nobody_here&channel=has space").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("channel: 'nobody_here' is not tracked"));
        given().get("/api/posts?channel=has space&channel=nobody_here").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("channel: 'has space' is not a channel handle"));
        given().get("/api/series?metric=posts&range=all&channel=nobody_here").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("channel: 'nobody_here' is not tracked"));
        assertThat(given().get("/api/series?metric=posts&range=all&channel=pulse_edge").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(6);
    }

    /** Relevance pages write one cursor format and still read the search page's older bare offsets. */
    @Test
    void relevancePagesReadTheOlderOffsetCursors() {
        JsonPath first = given().get("/api/posts?q=OSCE&limit=1").then().statusCode(200).extract().jsonPath();
        String next = first.getString("next");
        assertThat(next).isEqualTo(PostCursor.encodeOffset(1));
        List<Object> second = given().get("/api/posts?q=OSCE&limit=1&cursor=" + next).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(given().get("/api/posts?q=OSCE&limit=1&cursor=1").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).isEqualTo(second).isNotEqualTo(first.getList("items.id"));
        given().get("/api/posts?q=OSCE&cursor=-1").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("cursor: not a cursor from a previous answer's 'next'"));
    }

    @Test
    void textComesBackExactlyAsPosted() {
        Map<String, Object> post = items("channel=pulse_edge").stream()
                .filter(p -> ((Number) p.get("id")).intValue() == 506).findFirst().orElseThrow();
        assertThat(post.get("text")).isEqualTo("Text with <angle brackets> & ampersands, \"quotes\" and a line\nbreak.");
        assertThat(post.get("url")).isEqualTo("https://t.me/pulse_edge/506");
    }

    private static List<Map<String, Object>> items(String query) {
        return given().get("/api/posts?limit=500&" + query).then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static List<Long> ids(String query) {
        return items(query).stream().map(p -> ((Number) p.get("id")).longValue()).toList();
    }
}
