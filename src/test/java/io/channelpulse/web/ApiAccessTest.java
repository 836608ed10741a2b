package io.channelpulse.web;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Who may change what, and what a wrong request gets back. */
@QuarkusTest
class ApiAccessTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
    }

    @Test
    void writesWithoutTheAdminPasswordChangeNothing() {
        given().contentType(ContentType.JSON).body(Map.of("handle", "EmbUSA")).post("/api/channels")
                .then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"));
        given().auth().preemptive().basic("admin", "wrong").contentType(ContentType.JSON)
                .body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(401);
        given().auth().preemptive().basic("someone", Admin.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(401);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
        assertThat(PulseTestResources.telegram().requests()).isEmpty();

        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT message_count FROM channels") == 23);
        given().delete("/api/channels/EmbUSA").then().statusCode(401);
        given().delete("/api/channels/EmbUSA?purge=true").then().statusCode(401);
        given().post("/api/channels/EmbUSA/poll").then().statusCode(401);
        given().get("/api/channels").then().statusCode(200).body("", hasSize(1))
                .body("[0].status", equalTo("active"));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(23);
    }

    @Test
    void aDemoChannelIsNeverResumedOrPolledFromTelegram() throws Exception {
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO channels (handle, status) VALUES ('synthetic_01', 'paused')")) {
            insert.executeUpdate();
        }
        Admin.given().body(Map.of("handle", "synthetic_01")).post("/api/channels").then().statusCode(409)
                .body("error", containsString("demo data"));
        Admin.given().post("/api/channels/synthetic_01/poll").then().statusCode(202);
        assertThat(Db.text(dataSource, "SELECT status FROM channels WHERE handle = 'synthetic_01'")).isEqualTo("paused");
        assertThat(PulseTestResources.telegram().requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "1channel", "has space", "t.me/joinchat/AAAAAE", "https://example.com/s/EmbUSA",
            "channel_", "@", "way_too_long_for_a_telegram_username_x"})
    void anInvalidHandleIsRefusedWithAMessage(String handle) {
        Admin.given().body(Map.of("handle", handle)).post("/api/channels")
                .then().statusCode(400).body("error", containsString("handle"));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        Admin.given().body("{handle: ").post("/api/channels").then().statusCode(400)
                .body("error", containsString("JSON"));
        Admin.given().body("{}").post("/api/channels").then().statusCode(400)
                .body("error", containsString("handle"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=ten", "from=yesterday", "to=2024-13-01",
            "cursor=nonsense", "range=2w", "range=7d&from=2024-01-01", "from=2024-03-02&to=2024-03-01"})
    void aBadQueryParameterIsNamed(String query) {
        String parameter = query.substring(0, query.indexOf('='));
        String named = query.startsWith("from=2024-03-02") ? "to" : parameter;
        given().get("/api/posts?" + query).then().statusCode(400)
                .body("error", containsString(named + ":"));
    }

    @Test
    void unknownChannelsAreNotFound() {
        given().get("/api/channels/nobody_here").then().statusCode(404)
                .body("error", equalTo("Channel 'nobody_here' is not tracked"));
        Admin.given().post("/api/channels/nobody_here/poll").then().statusCode(404);
        // as curl -X POST -u admin:… sends it: no body, no content type
        given().auth().preemptive().basic("admin", Admin.PASSWORD).post("/api/channels/nobody_here/poll")
                .then().statusCode(404);
    }

    @Test
    void healthIsReadyOnceMigrated() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
