package io.channelpulse.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.PreviewPage;
import io.channelpulse.ingest.telegram.PreviewPageParser;
import io.channelpulse.spikes.Spike;
import io.channelpulse.store.PostDeletions;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Webhooks against a local receiver: registration rules, signed POSTs, retries, refused addresses, post events. */
@QuarkusTest
class WebhookDeliveryTest {

    static final String SECRET = "s3cret-for-the-receiver";

    static final Spike SPIKE = new Spike("topic", "osce", "OSCE", "day", Instant.parse("2023-05-17T00:00:00Z"), 14,
            0.4, 31.5, List.of("https://t.me/EmbUSA/10230", "https://t.me/EmbUSA/10241"));

    @Inject
    DataSource dataSource;

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookClient client;

    @Inject
    PostStore store;

    @Inject
    PostDeletions deletions;

    @Inject
    ObjectMapper json;

    private Receiver receiver;

    @BeforeEach
    void noWebhooks() throws Exception {
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE webhooks, webhook_deliveries RESTART IDENTITY CASCADE");
        }
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        client.resolveWith(InetAddress::getAllByName);
    }

    @Test
    void registersListsAndRemovesWithoutShowingTheSecret() {
        long id = register(Map.of("url", receiver.url("/hook"), "secret", SECRET, "metrics", List.of("topic", "name")))
                .statusCode(201).header("Location", containsString("/api/webhooks/"))
                .body("url", equalTo(receiver.url("/hook"))).body("events", equalTo(List.of("spike")))
                .body("metrics", equalTo(List.of("topic", "name"))).body("secret", nullValue())
                .extract().jsonPath().getLong("id");
        Admin.given().get("/api/webhooks").then().statusCode(200).body("", hasSize(1))
                .body("[0].id", equalTo((int) id)).body("[0]", not(org.hamcrest.Matchers.hasKey("secret")));
        RestAssured.given().get("/api/webhooks").then().statusCode(401);
        RestAssured.given().contentType("application/json").body(Map.of("url", receiver.url("/"), "secret", "x"))
                .post("/api/webhooks").then().statusCode(401);
        Admin.given().delete("/api/webhooks/" + id).then().statusCode(204);
        Admin.given().delete("/api/webhooks/" + id).then().statusCode(404);
        Admin.given().get("/api/webhooks").then().body("", hasSize(0));
    }

    @Test
    void metadataAndLinkLocalUrlsAreRefusedWithAClear400() {
        register(Map.of("url", "http://169.254.169.254/latest/meta-data/", "secret", SECRET)).statusCode(400)
                .body("error", equalTo("url: 169.254.169.254 is a link-local address (169.254.0.0/16), where cloud "
                        + "metadata services answer; webhooks may not reach it"));
        register(Map.of("url", "http://[fe80::1]:8080/hook", "secret", SECRET)).statusCode(400)
                .body("error", containsString("url: fe80:0:0:0:0:0:0:1 is a link-local address (fe80::/10)"));
        register(Map.of("url", "http://[::ffff:169.254.169.254]/", "secret", SECRET)).statusCode(400)
                .body("error", containsString("169.254.169.254 is a link-local address"));
        register(Map.of("url", "ftp://127.0.0.1/", "secret", SECRET)).statusCode(400)
                .body("error", containsString("must be an http or https URL"));
        register(Map.of("url", receiver.url("/"))).statusCode(400).body("error", containsString("secret: is required"));
        register(Map.of("url", receiver.url("/"), "secret", SECRET, "events", List.of("post.created"))).statusCode(400)
                .body("error", equalTo("events: 'post.created' is not one of spike, post.edited, post.deleted"));
        register(Map.of("url", receiver.url("/"), "secret", SECRET, "metrics", List.of("hashtag"))).statusCode(400)
                .body("error", containsString("metrics: 'hashtag' is not one of topic, mention, name, forward"));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhooks")).isZero();
        register(Map.of("url", "http://localhost:" + receiver.url("/").split(":")[2], "secret", SECRET))
                .statusCode(201);
    }

    @Test
    void aSpikeIsPostedOnceSignedAndQueuedOnce() throws Exception {
        long topics = register(Map.of("url", receiver.url("/topics"), "secret", SECRET, "metrics", List.of("topic")))
                .statusCode(201).extract().jsonPath().getLong("id");
        register(Map.of("url", receiver.url("/names"), "secret", "other", "metrics", List.of("name"))).statusCode(201);
        register(Map.of("url", receiver.url("/edits"), "secret", "other", "events", List.of("post.edited")))
                .statusCode(201);

        assertThat(outbox.spike(SPIKE)).as("only the webhook for topic spikes").isEqualTo(1);
        assertThat(sender.deliverDue(Instant.now())).isEqualTo(new WebhookSender.Result(1, 0));

        assertThat(receiver.requests()).hasSize(1);
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/topics");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Pulse-Event")).isEqualTo("spike");
        assertThat(request.header("X-Pulse-Signature")).isEqualTo("sha256=" + hmac(SECRET, request.body()));
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("metric").asText()).isEqualTo("topic");
        assertThat(body.get("key").asText()).isEqualTo("osce");
        assertThat(body.get("label").asText()).isEqualTo("OSCE");
        assertThat(body.get("bucket").asText()).isEqualTo("day");
        assertThat(body.get("t").asText()).isEqualTo("2023-05-17T00:00:00Z");
        assertThat(body.get("count").asLong()).isEqualTo(14);
        assertThat(body.get("expected").asDouble()).isEqualTo(0.4);
        assertThat(body.get("score").asDouble()).isEqualTo(31.5);
        assertThat(body.get("posts")).hasSize(2);
        assertThat(body.get("dashboard").asText()).isEqualTo("http://pulse.test/topics/osce?from=2023-05-17&to=2023-05-17");

        assertThat(outbox.spike(SPIKE)).as("found again by a later run").isZero();
        assertThat(sender.deliverDue(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(new WebhookSender.Result(0, 0));
        assertThat(receiver.requests()).hasSize(1);
        Admin.given().queryParam("webhook", topics).get("/api/webhooks/deliveries").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("sent")).body("[0].responseStatus", equalTo(204))
                .body("[0].attempts", equalTo(1)).body("[0].event", equalTo("spike"));
    }

    @Test
    void twoSendersAtOnceDeliverEachEventOnceAndAClaimLeftByADeadSenderIsNotSentAgain() throws Exception {
        register(Map.of("url", receiver.url("/hook"), "secret", SECRET)).statusCode(201);
        for (int i = 0; i < 20; i++) {
            outbox.spike(new Spike("topic", "tag" + i, "Tag" + i, "day", SPIKE.t(), 10 + i, 0.5, 9, List.of()));
        }
        // as two instances would: each claims rows in its own statement, SKIP LOCKED keeps them apart
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> sender.deliverDue(Instant.now()));
            var second = pool.submit(() -> sender.deliverDue(Instant.now()));
            assertThat(first.get().sent() + second.get().sent()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(receiver.requests()).hasSize(20);
        assertThat(receiver.requests().stream().map(r -> r.header("X-Pulse-Delivery")).distinct()).hasSize(20);

        // a sender killed between its claim and the answer: the receiver may have it, so it is not sent again
        Db.count(dataSource, "INSERT INTO webhook_deliveries (webhook_id, event, event_key, body, status, attempts, "
                + "claimed_at) VALUES (1, 'spike', 'spike|topic|lost|day|x', '{}', 'claimed', 1, ?) RETURNING id",
                java.time.OffsetDateTime.now().minusMinutes(30));
        assertThat(sender.deliverDue(Instant.now())).isEqualTo(new WebhookSender.Result(0, 0));
        assertThat(Db.text(dataSource, "SELECT status FROM webhook_deliveries WHERE event_key = 'spike|topic|lost|day|x'"))
                .isEqualTo("interrupted");
        assertThat(sender.deliverDue(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(new WebhookSender.Result(0, 0));
        assertThat(receiver.requests()).hasSize(20);
    }

    @Test
    void aDeliveryThatGaveUpOrWasInterruptedIsSentAgainByHandOnce() throws Exception {
        register(Map.of("url", receiver.url("/hook"), "secret", SECRET)).statusCode(201);
        receiver.then(Receiver.Answer.status(500));
        outbox.spike(SPIKE);
        assertThat(sender.deliverDue(Instant.now())).isEqualTo(new WebhookSender.Result(0, 1));
        long id = Db.count(dataSource, "SELECT id FROM webhook_deliveries");
        // as if the retries had run out while the receiver was down
        Db.count(dataSource, "UPDATE webhook_deliveries SET attempts = 99 WHERE id = ? RETURNING id", id);
        assertThat(sender.deliverDue(Instant.now().plus(Duration.ofDays(1)))).as("given up")
                .isEqualTo(new WebhookSender.Result(0, 0));

        receiver.then(Receiver.Answer.status(503));
        Admin.given().post("/api/webhooks/deliveries/" + id + "/send").then().statusCode(502)
                .body("error", equalTo("Delivery " + id + " failed again: HTTP 503 from " + receiver.url("/hook")));
        Admin.given().post("/api/webhooks/deliveries/" + id + "/send").then().statusCode(200)
                .body("id", equalTo((int) id)).body("status", equalTo("sent")).body("attempts", equalTo(101))
                .body("responseStatus", equalTo(204));
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests().stream().map(Receiver.Request::body).distinct()).as("the same bytes").hasSize(1);
        Receiver.Request last = receiver.requests().get(2);
        assertThat(last.header("X-Pulse-Signature")).isEqualTo("sha256=" + hmac(SECRET, last.body()));
        assertThat(last.header("X-Pulse-Delivery")).isEqualTo(Long.toString(id));

        Admin.given().post("/api/webhooks/deliveries/" + id + "/send").then().statusCode(409)
                .body("error", equalTo("Delivery " + id + " is sent; only failed and interrupted deliveries are sent "
                        + "again by hand"));
        assertThat(receiver.requests()).as("a sent delivery is not sent twice").hasSize(3);

        Db.count(dataSource, "UPDATE webhook_deliveries SET status = 'interrupted' WHERE id = ? RETURNING id", id);
        Admin.given().post("/api/webhooks/deliveries/" + id + "/send").then().statusCode(200).body("status", equalTo("sent"));
        assertThat(receiver.requests()).hasSize(4);

        Admin.given().post("/api/webhooks/deliveries/" + (id + 1000) + "/send").then().statusCode(404)
                .body("error", equalTo("No webhook delivery " + (id + 1000)));
        Admin.given().post("/api/webhooks/deliveries/abc/send").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("'abc' is not a delivery id like 3"));
        RestAssured.given().post("/api/webhooks/deliveries/" + id + "/send").then().statusCode(401);
    }

    @Test
    void aFailingThenStallingReceiverGetsItOnTheThirdTryAfterThePauses() {
        register(Map.of("url", receiver.url("/hook"), "secret", SECRET)).statusCode(201);
        receiver.then(Receiver.Answer.status(500), Receiver.Answer.stall(Duration.ofSeconds(12)));
        outbox.spike(SPIKE);
        Instant now = Instant.now();

        assertThat(sender.deliverDue(now)).isEqualTo(new WebhookSender.Result(0, 1));
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts || ' ' || response_status || ' ' || last_error "
                + "FROM webhook_deliveries")).startsWith("failed 1 500 HTTP 500 from " + receiver.url("/hook"));
        assertThat(sender.deliverDue(now.plusSeconds(30))).as("not before its pause").isEqualTo(new WebhookSender.Result(0, 0));

        assertThat(sender.deliverDue(now.plus(Duration.ofMinutes(1)))).isEqualTo(new WebhookSender.Result(0, 1));
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts || ' ' || last_error FROM webhook_deliveries"))
                .startsWith("failed 2 ").contains(receiver.url("/hook"));
        assertThat(sender.deliverDue(now.plus(Duration.ofMinutes(2)))).as("the pause doubled").isEqualTo(new WebhookSender.Result(0, 0));

        assertThat(sender.deliverDue(now.plus(Duration.ofMinutes(4)))).isEqualTo(new WebhookSender.Result(1, 0));
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests().stream().map(Receiver.Request::body).distinct()).as("the same bytes each time").hasSize(1);
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM webhook_deliveries")).isEqualTo("sent 3");
        assertThat(sender.deliverDue(now.plus(Duration.ofHours(2)))).isEqualTo(new WebhookSender.Result(0, 0));
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void aRedirectToTheMetadataServiceIsNotFollowed() {
        register(Map.of("url", receiver.url("/moved"), "secret", SECRET)).statusCode(201);
        receiver.then(Receiver.Answer.redirect(receiver.url("/here")), Receiver.Answer.status(204),
                Receiver.Answer.redirect("http://169.254.169.254/latest/meta-data/iam/"));
        outbox.spike(SPIKE);
        assertThat(sender.deliverDue(Instant.now())).as("a redirect to an allowed place is followed")
                .isEqualTo(new WebhookSender.Result(1, 0));
        assertThat(receiver.requests()).extracting(Receiver.Request::path).containsExactly("/moved", "/here");
        assertThat(receiver.requests().get(1).header("X-Pulse-Signature")).isEqualTo(receiver.requests().get(0).header("X-Pulse-Signature"));

        outbox.spike(new Spike("topic", "cis", "CIS", "day", SPIKE.t(), 20, 1, 40, List.of()));
        assertThat(sender.deliverDue(Instant.now())).isEqualTo(new WebhookSender.Result(0, 1));
        assertThat(Db.text(dataSource, "SELECT response_status || ' ' || last_error FROM webhook_deliveries WHERE status = 'failed'"))
                .isEqualTo("307 Redirect (HTTP 307) not followed: Refused http://169.254.169.254/latest/meta-data/iam/: "
                        + "169.254.169.254 is a link-local address (169.254.0.0/16), where cloud metadata services "
                        + "answer; webhooks may not reach it");
    }

    @Test
    void aNameThatResolvesToTheMetadataServiceAtDeliveryIsRefused() throws Exception {
        int port = Integer.parseInt(receiver.url("/").split(":")[2].replace("/", ""));
        // registered while it pointed at the receiver; its DNS now says 169.254.169.254
        Db.count(dataSource, "INSERT INTO webhooks (url, secret, events) VALUES (?, ?, '{spike}') RETURNING id",
                "http://hooks.example.org:" + port + "/hook", SECRET);
        client.resolveWith(host -> {
            if (host.equals("hooks.example.org")) {
                return new InetAddress[]{InetAddress.getByName("169.254.169.254")};
            }
            throw new UnknownHostException(host);
        });
        outbox.spike(SPIKE);
        assertThat(sender.deliverDue(Instant.now())).isEqualTo(new WebhookSender.Result(0, 1));
        assertThat(Db.text(dataSource, "SELECT last_error FROM webhook_deliveries")).isEqualTo("Refused "
                + "http://hooks.example.org:" + port + "/hook: 'hooks.example.org' resolves to 169.254.169.254, a "
                + "link-local address (169.254.0.0/16), where cloud metadata services answer; webhooks may not reach it");

        client.resolveWith(host -> new InetAddress[]{InetAddress.getLoopbackAddress()});
        assertThat(sender.deliverDue(Instant.now().plus(Duration.ofMinutes(1)))).as("connects to the address it checked")
                .isEqualTo(new WebhookSender.Result(1, 0));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).header("Host")).isEqualTo("hooks.example.org:" + port);
    }

    @Test
    void editsAndDeletionsReachTheirSubscribersWithOldAndNewTextRightAfterThePoll() throws Exception {
        register(Map.of("url", receiver.url("/posts"), "secret", SECRET,
                "events", List.of("post.edited", "post.deleted"))).statusCode(201);
        register(Map.of("url", receiver.url("/spikes-only"), "secret", SECRET)).statusCode(201);
        long channel = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("EmbUSA_before_10212.html"));
        Instant first = Instant.parse("2024-03-07T00:00:00Z");
        store.storePosts(channel, page.posts(), first);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhook_deliveries")).as("new posts are no event").isZero();

        ParsedPost target = page.posts().get(5);
        List<ParsedPost> edited = page.posts().stream().map(p -> p.id() != target.id() ? p : new ParsedPost(
                p.channel(), p.id(), p.publishedAt(), p.kind(), "Corrected: <b>new</b> text", p.views(), true,
                p.signature(), p.forwardedFrom(), p.replyTo(), p.media(), p.links(), p.reactions())).toList();
        Instant edit = Instant.parse("2024-03-08T00:00:00Z");
        store.storePosts(channel, edited, edit);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1);
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/posts");
        assertThat(request.header("X-Pulse-Event")).isEqualTo("post.edited");
        assertThat(request.header("X-Pulse-Signature")).isEqualTo("sha256=" + hmac(SECRET, request.body()));
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("event").asText()).isEqualTo("post.edited");
        assertThat(body.get("channel").asText()).isEqualTo("EmbUSA");
        assertThat(body.get("postId").asLong()).isEqualTo(target.id());
        assertThat(body.get("url").asText()).isEqualTo("https://t.me/EmbUSA/" + target.id());
        assertThat(body.get("dashboard").asText()).isEqualTo("http://pulse.test/posts/EmbUSA/" + target.id());
        assertThat(body.get("oldText").asText()).isEqualTo(target.text());
        assertThat(body.get("newText").asText()).isEqualTo("Corrected: <b>new</b> text");
        assertThat(body.get("seenAt").asText()).isEqualTo("2024-03-08T00:00:00Z");

        store.storePosts(channel, edited, edit.plusSeconds(60));
        List<Long> withoutOne = page.posts().stream().map(ParsedPost::id).filter(id -> id != target.id()).toList();
        deletions.check(channel, withoutOne, false, Instant.parse("2024-03-09T00:00:00Z"));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhook_deliveries WHERE event = 'post.deleted'"))
                .as("one missing read is only a candidate").isZero();
        Instant confirmed = Instant.parse("2024-03-09T01:00:00Z");
        deletions.check(channel, withoutOne, false, confirmed);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 2);
        Receiver.Request deleted = receiver.requests().get(1);
        assertThat(deleted.header("X-Pulse-Event")).isEqualTo("post.deleted");
        JsonNode gone = json.readTree(deleted.body());
        assertThat(gone.get("postId").asLong()).isEqualTo(target.id());
        assertThat(gone.get("oldText").asText()).isEqualTo("Corrected: <b>new</b> text");
        assertThat(gone.get("newText").isNull()).isTrue();
        assertThat(gone.get("seenAt").asText()).isEqualTo("2024-03-09T01:00:00Z");
        assertThat(receiver.requests()).extracting(Receiver.Request::path).containsOnly("/posts");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhook_deliveries WHERE status = 'sent'")).isEqualTo(2);
    }

    private io.restassured.response.ValidatableResponse register(Map<String, Object> body) {
        return Admin.given().body(body).post("/api/webhooks").then();
    }

    /** What a receiver computes to check X-Pulse-Signature, written out here rather than through the app's code. */
    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
