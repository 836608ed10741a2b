package io.channelpulse.ingest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poller whose lock went with its database session (a restart, a dropped connection) may no longer be the only
 * one: it stops before its next page and leaves the poll unfinished, and the next poll goes on where it stopped.
 */
@QuarkusTest
class LostLockTest {

    private static final String OLDER = "/s/EmbUSA?before=10212";
    private static final String OLDEST = "/s/EmbUSA?before=10133";

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram.reset();
    }

    @Test
    void aPollerThatLostItsLockStopsBeforeTheNextPage() {
        telegram.queue(OLDER, Answer.page(TelegramStandIn.fixture("EmbUSA_before_10212.html")).after(Duration.ofSeconds(2)));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.requestedPaths().contains(OLDER));

        assertThat(Db.count(dataSource, """
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND objsubid = 2""")).as("the poll's lock session").isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(dataSource, "SELECT count(*) FROM posts") == 23);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !telegram.requestedPaths().contains(OLDEST));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE polled_by IS NOT NULL AND NOT backfill_done"))
                .as("left unfinished, for any instance to go on with").isEqualTo(1);

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE backfill_done AND polled_by IS NULL AND status = 'active'") == 1);
        assertThat(telegram.requestedPaths()).contains(OLDEST);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(23);
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(23);
    }
}
