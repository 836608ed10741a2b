package io.channelpulse.web;

import io.channelpulse.spikes.SpikeFixture;
import io.channelpulse.store.PostStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** GET /api/spikes and the overview's Spikes panel over {@link SpikeFixture}. */
@QuarkusTest
class SpikeApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @BeforeEach
    void fixture() throws SQLException {
        SpikeFixture.store(dataSource, store);
    }

    @Test
    void answersTheDaysSpikesWithTheirPosts() {
        JsonPath answer = given().get("/api/spikes?from=2024-02-10&to=2024-02-15").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> spikes = answer.getList("$");
        assertThat(spikes).extracting(s -> s.get("metric") + ":" + s.get("key"))
                .containsExactlyInAnyOrder("topic:surge", "forward:iaea_org");
        Map<String, Object> surge = spikes.stream().filter(s -> s.get("key").equals("surge")).findFirst().orElseThrow();
        assertThat(surge).containsEntry("label", "Surge").containsEntry("t", "2024-02-15T00:00:00Z")
                .containsEntry("count", 14).containsKeys("expected", "score");
        assertThat((List<?>) surge.get("posts")).hasSize(5).first().isEqualTo("https://t.me/spike_news/152");
        assertThat(((Number) surge.get("score")).doubleValue()).isGreaterThan(6);
        assertThat(((Number) surge.get("expected")).doubleValue()).isLessThan(0.1);
    }

    @Test
    void hourBucketsAndChannelFilter() {
        List<Map<String, Object>> hours = given().get("/api/spikes?from=2024-02-15&to=2024-02-15&bucket=hour")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(hours).extracting(s -> s.get("t")).containsOnly("2024-02-15T10:00:00Z");
        assertThat(hours).hasSize(2);
        assertThat(given().get("/api/spikes?from=2024-02-15&to=2024-02-15&channel=spike_quiet").then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
        assertThat(given().get("/api/spikes?from=2024-01-20&to=2024-02-14").then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void badParametersAre400() {
        given().get("/api/spikes?bucket=week").then().statusCode(400).body("error", containsString("bucket"));
        given().get("/api/spikes?range=1y&bucket=hour").then().statusCode(400).body("error", containsString("92 days"));
        given().get("/api/spikes?channel=nobody_here").then().statusCode(400).body("error", containsString("channel"));
    }

    @Test
    void theOverviewShowsTheSpikesPanel() {
        Document page = Jsoup.parse(given().get("/?from=2024-02-01&to=2024-02-15").then().statusCode(200)
                .extract().asString());
        assertThat(page.select("#spikes tbody tr")).hasSize(2);
        assertThat(page.select("#spikes a[href^=/topics/surge]").text()).isEqualTo("Surge");
        assertThat(page.select("#spikes a[href=https://t.me/spike_news/152]")).hasSize(1);
        Document quiet = Jsoup.parse(given().get("/?from=2024-01-20&to=2024-02-14").then().statusCode(200)
                .extract().asString());
        assertThat(quiet.select("#spikes .empty").text()).startsWith("No spikes");
    }
}
