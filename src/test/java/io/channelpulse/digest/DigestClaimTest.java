package io.channelpulse.digest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim row that makes a digest go out at most once per subscriber and day, also when senders race. */
@QuarkusTest
class DigestClaimTest {

    @Inject
    DataSource dataSource;

    @Inject
    DigestSender sender;

    @BeforeEach
    void noSubscribers() throws Exception {
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
        }
    }

    @Test
    void racingClaimsOfOneSubscriberAndDayLetExactlyOneSend() throws Exception {
        long id = Admin.given().body(Map.of("email", "a@example.org", "channels", List.of()))
                .post("/api/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        LocalDate day = LocalDate.parse("2023-05-17");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Boolean> claim = () -> sender.claim(id, day, Instant.now(), true);
            assertThat(winners(pool.invokeAll(Collections.nCopies(8, claim)))).as("a fresh day").isEqualTo(1);
            Db.count(dataSource, "UPDATE digest_log SET status = 'failed' WHERE subscriber_id = " + id + " RETURNING 1");
            assertThat(winners(pool.invokeAll(Collections.nCopies(8, claim)))).as("a retry of a failed send").isEqualTo(1);
            Db.count(dataSource, "UPDATE digest_log SET status = 'sent' WHERE subscriber_id = " + id + " RETURNING 1");
            assertThat(winners(pool.invokeAll(Collections.nCopies(8, claim)))).as("a sent digest").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long winners(List<Future<Boolean>> claims) throws Exception {
        long won = 0;
        for (Future<Boolean> claim : claims) {
            if (claim.get()) {
                won++;
            }
        }
        return won;
    }
}
