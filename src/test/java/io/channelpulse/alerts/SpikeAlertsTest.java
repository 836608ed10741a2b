package io.channelpulse.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The whole path from stored posts to alerts: 45 quiet days with a steady tag and a steady watched name, then a day
 * on which a new tag and a new forward source burst within one hour. The run of that day sends each spike once to
 * a local webhook receiver and once by mail (GreenMail on port 3025) to the subscriber with alerts on; a second run
 * of the same day sends nothing, and the hour's run adds the hour's spikes to the webhook but no second mail.
 */
@QuarkusTest
class SpikeAlertsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    static final LocalDate FIRST = LocalDate.parse("2024-01-01");
    static final LocalDate BURST = FIRST.plusDays(45);
    static final Instant BURST_HOUR = BURST.atTime(10, 0).toInstant(ZoneOffset.UTC);
    static final String SECRET = "team-receiver-secret";

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    SpikeAlerts alerts;

    @Inject
    AlertMails alertMails;

    @Inject
    ObjectMapper json;

    private Receiver receiver;

    @BeforeEach
    void fortyFiveQuietDaysThenABurst() throws Exception {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        greenMail.purgeEmailFromAllMailboxes();
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE webhooks, webhook_deliveries, digest_subscribers, digest_log, alert_mails "
                    + "RESTART IDENTITY CASCADE");
        }
        receiver = new Receiver();
        long channel = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('spike_news', 'paused') RETURNING id");
        Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('spike_quiet', 'paused') RETURNING id");
        List<ParsedPost> posts = new ArrayList<>();
        long id = 1;
        for (LocalDate day = FIRST; !day.isAfter(BURST); day = day.plusDays(1)) {
            for (int hour : new int[]{8, 12, 16}) {
                posts.add(post(id++, day.atTime(hour, 0).toInstant(ZoneOffset.UTC), "#Steady talks, Lavrov said", null));
            }
        }
        for (int i = 0; i < 14; i++) {
            ParsedPost.ForwardSource source = i < 8 ? new ParsedPost.ForwardSource("IAEA", "iaea_org", 500L + i) : null;
            posts.add(post(id++, BURST_HOUR.plus(Duration.ofMinutes(3L * i)), "#Surge at the plant", source));
        }
        for (int from = 0; from < posts.size(); from += 50) {
            store.storePosts(channel, posts.subList(from, Math.min(posts.size(), from + 50)), Instant.now());
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDaysSpikesGoOutOnceByWebhookAndMailAndASecondRunSendsNothing() throws Exception {
        Admin.given().body(Map.of("url", receiver.url("/pulse"), "secret", SECRET)).post("/api/webhooks")
                .then().statusCode(201);
        subscribe("alerts@example.org", null, true).then().statusCode(201).body("alerts", equalTo(true));
        subscribe("digest-only@example.org", null, null).then().statusCode(201).body("alerts", equalTo(false));
        subscribe("quiet@example.org", List.of("spike_quiet"), true).then().statusCode(201);

        run(BURST.toString()).then().statusCode(200).body("bucket", equalTo("day")).body("spikes", equalTo(2))
                .body("queued", equalTo(2)).body("delivered", equalTo(2)).body("deliveriesFailed", equalTo(0))
                .body("mailed", equalTo(2)).body("mailsFailed", equalTo(0));

        assertThat(receiver.requests()).hasSize(2);
        Map<String, JsonNode> byKey = new HashMap<>();
        for (Receiver.Request request : receiver.requests()) {
            assertThat(request.header("X-Pulse-Signature"))
                    .isEqualTo("sha256=" + WebhookDeliveryTest.hmac(SECRET, request.body()));
            JsonNode body = json.readTree(request.body());
            byKey.put(body.get("key").asText(), body);
        }
        JsonNode surge = byKey.get("surge");
        assertThat(surge.get("metric").asText()).isEqualTo("topic");
        assertThat(surge.get("label").asText()).isEqualTo("Surge");
        assertThat(surge.get("bucket").asText()).isEqualTo("day");
        assertThat(surge.get("t").asText()).isEqualTo(BURST + "T00:00:00Z");
        assertThat(surge.get("count").asLong()).isEqualTo(14);
        assertThat(surge.get("expected").asDouble()).isLessThan(0.1);
        assertThat(surge.get("score").asDouble()).isGreaterThan(6);
        assertThat(surge.get("posts")).hasSize(5);
        assertThat(surge.get("posts").get(0).asText()).startsWith("https://t.me/spike_news/");
        assertThat(surge.get("dashboard").asText()).isEqualTo("http://pulse.test/topics/surge?from=" + BURST + "&to=" + BURST);
        assertThat(byKey.get("iaea_org").get("metric").asText()).isEqualTo("forward");
        assertThat(byKey).doesNotContainKey("lavrov").doesNotContainKey("steady");

        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(2);
        for (MimeMessage mail : mails) {
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alerts@example.org");
        }
        MimeMessage surgeMail = List.of(mails).stream().filter(m -> subject(m).contains("#Surge")).findFirst().orElseThrow();
        assertThat(subject(surgeMail)).isEqualTo("Spike: #Surge, 14 posts on 15 Feb 2024");
        assertThat(((String) surgeMail.getContent()).replace("\r\n", "\n"))
                .contains("#Surge spiked: 14 posts on 15 Feb 2024, where the 28 days before predict 0.0.")
                .contains("- https://t.me/spike_news/")
                .contains("On the dashboard: http://pulse.test/topics/surge?from=2024-02-15&to=2024-02-15")
                .contains("Unsubscribe: http://pulse.test/digest/unsubscribe?s=1&t=");

        run(BURST.toString()).then().statusCode(200).body("spikes", equalTo(2)).body("queued", equalTo(0))
                .body("delivered", equalTo(0)).body("mailed", equalTo(0));
        assertThat(receiver.requests()).hasSize(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);

        SpikeAlerts.Run hour = alerts.hour(BURST_HOUR, Instant.now());
        assertThat(hour.spikes()).isEqualTo(2);
        assertThat(hour.queued()).as("an hour's spike is another spike for the webhook").isEqualTo(2);
        assertThat(hour.delivered()).isEqualTo(2);
        assertThat(hour.mailed()).as("but the same key the same day: no second mail").isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM alert_mails WHERE status = 'sent'")).isEqualTo(2);

        Admin.given().get("/api/webhooks/deliveries").then().statusCode(200).body("size()", equalTo(4))
                .body("status", equalTo(List.of("sent", "sent", "sent", "sent")));

        // An admin sends a mail again that the app was stopped in the middle of: once, and only a stuck one.
        Db.execute(dataSource, "UPDATE alert_mails SET status = 'interrupted' WHERE key = 'surge'");
        assertThat(alertMails.stuck(10)).extracting(AlertMails.Stuck::subject, AlertMails.Stuck::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Spike: #Surge, 14 posts on 15 Feb 2024", "interrupted"));
        assertThat(alertMails.sendAgain(1, "topic", "surge", BURST, Instant.now())).isEqualTo(AlertMails.SendAgain.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
        assertThat(subject(greenMail.getReceivedMessages()[2])).isEqualTo("Spike: #Surge, 14 posts on 15 Feb 2024");
        assertThat(alertMails.stuck(10)).isEmpty();
        assertThat(alertMails.sendAgain(1, "topic", "surge", BURST, Instant.now())).isEqualTo(AlertMails.SendAgain.NOT_STUCK);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void theRunIsForTheAdminAndNeedsADay() {
        RestAssured.given().post("/api/spikes/run?date=" + BURST).then().statusCode(401);
        run("").then().statusCode(400).body("error", equalTo("date: is required, as YYYY-MM-DD"));
        run("15.02.2024").then().statusCode(400).body("error", containsString("is not a date like"));
        run(FIRST.plusDays(20).toString()).then().statusCode(200).body("spikes", equalTo(0)).body("mailed", equalTo(0));
    }

    private static io.restassured.response.Response run(String date) {
        return Admin.given().queryParam("date", date).post("/api/spikes/run");
    }

    private static io.restassured.response.Response subscribe(String email, List<String> channels, Boolean alerts) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        if (channels != null) {
            body.put("channels", channels);
        }
        if (alerts != null) {
            body.put("alerts", alerts);
        }
        return Admin.given().body(body).post("/api/subscriptions");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParsedPost post(long id, Instant at, String text, ParsedPost.ForwardSource forward) {
        return new ParsedPost("spike_news", id, at, ParsedPost.Kind.POST, text, 100L + id, false, null, forward, null,
                List.of(), List.of(), List.of());
    }
}
