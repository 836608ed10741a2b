package io.channelpulse.web.pages;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pages print times in pulse.timezone, not in UTC; the API keeps UTC instants. */
@QuarkusTest
@TestProfile(PageTimesTest.InVladivostok.class)
class PageTimesTest {

    /** Ten hours ahead of UTC, so a post's day and hour both differ from its UTC instant in the fixture. */
    public static class InVladivostok implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.timezone", "Asia/Vladivostok");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void postTimesAreInTheConfiguredZone() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done") == 1);

        Document page = Jsoup.parse(given().get("/?range=all").then().statusCode(200).extract().asString());
        assertThat(page.select("footer").text()).contains("Times in Asia/Vladivostok");
        // pulse_edge/501 was published at 2024-03-01T07:00:00Z
        Element time = page.selectFirst(".posts li:has(a[href$=/501]) time");
        assertThat(time.attr("datetime")).isEqualTo("2024-03-01T07:00:00Z");
        assertThat(time.text()).isEqualTo("1 Mar 2024, 17:00");
        given().get("/api/posts?channel=pulse_edge&limit=20").then().statusCode(200)
                .body("items.find { it.id == 501 }.publishedAt", org.hamcrest.Matchers.equalTo("2024-03-01T07:00:00Z"));
    }
}
