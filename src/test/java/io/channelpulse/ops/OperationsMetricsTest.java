package io.channelpulse.ops;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * GET /q/metrics after real polls of the stand-in Telegram and real digest sends. The mail goes to a GreenMail of
 * this class on a port of its own (not DigestMailTest's 3025), so the two never meet.
 */
@QuarkusTest
@TestProfile(OperationsMetricsTest.OwnSmtpServer.class)
class OperationsMetricsTest {

    /** The mailer pointed at this class's SMTP server; the port is chosen once per JVM and kept in a system property. */
    public static class OwnSmtpServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", String.valueOf(smtpPort()));
        }
    }

    private static final String NEWEST = "/s/EmbUSA";
    private static final String OLDER = "/s/EmbUSA?before=10212";
    private static final Map<String, String> EMBUSA = Map.of("channel", "EmbUSA");

    private static GreenMail smtp;

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() throws Exception {
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
        }
        telegram.reset();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aPollShowsInTheMetricsAndARemovedChannelLeavesThem() {
        Scrape before = Scrape.now();
        addAndAwaitHistory();
        Scrape after = Scrape.now();

        assertThat(increase(before, after, "pulse_polls_total", Map.of("outcome", "active"))).isEqualTo(1);
        assertThat(increase(before, after, "pulse_polls_total", Map.of("outcome", "failing"))).isZero();
        assertThat(increase(before, after, "pulse_telegram_pages_total", Map.of())).isEqualTo(3);
        assertThat(increase(before, after, "pulse_posts_stored_total", Map.of("change", "new"))).isEqualTo(23);
        assertThat(increase(before, after, "pulse_posts_stored_total", Map.of("change", "edited"))).isZero();
        assertThat(increase(before, after, "pulse_telegram_request_seconds_count", Map.of())).isEqualTo(3);
        assertThat(after.of("pulse_telegram_request_seconds_sum")).isGreaterThan(before.of("pulse_telegram_request_seconds_sum"));
        assertThat(after.of("pulse_telegram_request_seconds_bucket", Map.of("le", "20.0")))
                .isGreaterThanOrEqualTo(3);
        assertThat(after.of("pulse_recount_done_posts")).isGreaterThanOrEqualTo(0);
        assertThat(after.of("pulse_recount_target_posts")).isGreaterThanOrEqualTo(0);

        // read from the database at most every pulse.metrics.freshness-read-every (1 s in tests): an earlier scrape
        // may have cached the time before the poll
        double age = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> Scrape.now().value("pulse_newest_post_age_seconds", EMBUSA).orElse(0), a -> a > 0);
        long stored = Db.count(dataSource, "SELECT extract(epoch FROM now() - max(published_at))::bigint FROM posts "
                + "WHERE kind = 'post'");
        assertThat(age).isCloseTo(stored, org.assertj.core.data.Offset.offset(30.0));

        Admin.given().delete("/api/channels/EmbUSA").then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> Scrape.now().value("pulse_newest_post_age_seconds", EMBUSA).isEmpty());
    }

    @Test
    void rateLimitsAndRetriesAreCounted() {
        telegram.queue(NEWEST, Answer.status(429, Map.of("Retry-After", "0")));
        telegram.queue(OLDER, Answer.status(502, Map.of()));
        Scrape before = Scrape.now();
        addAndAwaitHistory();
        Scrape after = Scrape.now();

        assertThat(increase(before, after, "pulse_telegram_rate_limited_total", Map.of())).isEqualTo(1);
        assertThat(increase(before, after, "pulse_telegram_retries_total", Map.of())).isEqualTo(2);
        assertThat(increase(before, after, "pulse_telegram_request_seconds_count", Map.of())).isEqualTo(5);
        assertThat(increase(before, after, "pulse_telegram_pages_total", Map.of())).isEqualTo(3);
        assertThat(increase(before, after, "pulse_polls_total", Map.of("outcome", "active"))).isEqualTo(1);
    }

    @Test
    void aFailingPollIsCountedAsFailing() {
        telegram.always(NEWEST, Answer.status(404, Map.of()));
        Scrape before = Scrape.now();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE status = 'failing'") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                increase(before, Scrape.now(), "pulse_polls_total", Map.of("outcome", "failing")) == 1);
    }

    @Test
    void digestMailsAreCountedAsSentOrFailed() {
        smtp = new GreenMail(new ServerSetup(smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Scrape before = Scrape.now();
        Admin.given().body(Map.of("email", "ann@example.org")).post("/api/subscriptions").then().statusCode(201);
        Admin.given().post("/api/digest/run?date=2023-05-17").then().statusCode(200).body("sent", equalTo(1));
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        smtp.stop();
        Admin.given().body(Map.of("email", "bob@example.org")).post("/api/subscriptions").then().statusCode(201);
        Admin.given().post("/api/digest/run?date=2023-05-17").then().statusCode(200)
                .body("failed", equalTo(1)).body("skipped", equalTo(1));
        Scrape after = Scrape.now();

        assertThat(increase(before, after, "pulse_digest_mails_total", Map.of("outcome", "sent"))).isEqualTo(1);
        assertThat(increase(before, after, "pulse_digest_mails_total", Map.of("outcome", "failed"))).isEqualTo(1);
        assertThat(after.text()).as("no subscriber's address").doesNotContain("example.org");
    }

    @Test
    void theMetricsAreOpenAndTellNothingSecret() {
        addAndAwaitHistory();
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("pulse_polls_total").contains("jvm_memory_used_bytes");
        assertThat(text.toLowerCase()).doesNotContain(Admin.PASSWORD).doesNotContain("password")
                .doesNotContain("jdbc:").doesNotContain("secret").doesNotContain("authorization");
    }

    private void addAndAwaitHistory() {
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL AND message_count = 23") == 1);
    }

    private static double increase(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.of(name, labels) - before.of(name, labels);
    }

    private static synchronized int smtpPort() {
        String chosen = System.getProperty("ops-test.smtp-port");
        if (chosen == null) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                chosen = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("ops-test.smtp-port", chosen);
        }
        return Integer.parseInt(chosen);
    }
}
