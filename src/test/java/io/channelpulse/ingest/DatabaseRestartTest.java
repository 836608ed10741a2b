package io.channelpulse.ingest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.Rollups;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * PostgreSQL restarts while a channel's history is being fetched: the page that arrives during the outage is
 * not stored, nothing half-stored is left, requests get a clear 503, and once the database is back the app
 * reconnects by itself and the next poll fetches the rest, with every post once and every count right.
 */
@QuarkusTest
class DatabaseRestartTest {

    private static final String OLDER = "/s/EmbUSA?before=10212";

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram.reset();
    }

    @Test
    void aRestartMidBackfillLosesNothingAndDuplicatesNothing() throws Exception {
        // the older page arrives while the database is down
        telegram.queue(OLDER, Answer.page(TelegramStandIn.fixture("EmbUSA_before_10212.html")).after(Duration.ofSeconds(2)));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.requestedPaths().contains(OLDER));
        long newestPage = Db.count(dataSource, "SELECT count(*) FROM posts");
        assertThat(newestPage).as("the newest page is stored before the backfill starts").isBetween(1L, 22L);

        PulseTestResources.stopDatabase();
        try {
            given().get("/api/channels").then().statusCode(503)
                    .body("error", equalTo("The database is not available right now; try again shortly"));
            given().get("/api/posts?channel=EmbUSA").then().statusCode(503);
            given().get("/").then().statusCode(503).body(containsString("The database is not available right now"));
            // let the slow page arrive and its store fail
            Instant arrived = Instant.now().plusSeconds(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(arrived));
        } finally {
            PulseTestResources.startDatabase();
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                given().get("/api/channels/EmbUSA").then().statusCode(200));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).as("the page of the outage was not stored")
                .isEqualTo(newestPage);

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE handle = 'EmbUSA' AND backfill_done AND status = 'active'") == 1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(23);
        assertThat(Db.count(dataSource, "SELECT count(DISTINCT id) FROM posts")).isEqualTo(23);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.DAILY_POST_MISMATCHES)).isZero();
        given().get("/api/channels/EmbUSA").then().statusCode(200).body("messageCount", equalTo(23));
    }
}
