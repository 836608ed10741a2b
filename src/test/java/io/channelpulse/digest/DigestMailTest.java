package io.channelpulse.digest;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Digests over real SMTP (GreenMail on port 3025) from the EmbUSA and pulse_edge fixtures. The sends are made
 * from the test thread on purpose (the scheduled job and {@code retryFailed} are called directly): a thread
 * without a Vert.x context is where the mail client used to lose the server's greeting and hang.
 */
@QuarkusTest
class DigestMailTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    static final String DAY = "2023-05-17";

    @Inject
    DataSource dataSource;

    @Inject
    DigestSender sender;

    @BeforeEach
    void channelsAndNoSubscribers() throws Exception {
        // one server for the class: a restart per test would leave the mailer a dead pooled connection
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        greenMail.purgeEmailFromAllMailboxes();
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
        }
        TelegramStandIn telegram = PulseTestResources.telegram();
        telegram.reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
    }

    @Test
    void twoSubscribersGetOneDigestEachAndARerunSendsNothing() throws Exception {
        subscribe("ann@example.org", List.of()).then().statusCode(201).body("email", equalTo("ann@example.org"));
        subscribe("bob@example.org", null).then().statusCode(201);
        // noticed on the day: one post deleted, two edited (published long before does not matter)
        sql("UPDATE posts SET deleted_at = '2023-05-17T12:00:00Z' WHERE id = 10241"
                + " AND channel_id = (SELECT id FROM channels WHERE handle = 'EmbUSA')");
        sql("INSERT INTO post_edits (channel_id, post_id, seen_at, previous_text) SELECT channel_id, id,"
                + " '2023-05-17T13:00:00Z', 'before' FROM posts WHERE id IN (10212, 10637)"
                + " AND channel_id = (SELECT id FROM channels WHERE handle = 'EmbUSA')");

        run(DAY).then().statusCode(200).body("date", equalTo(DAY)).body("sent", equalTo(2)).body("failed", equalTo(0));

        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(Arrays.stream(mails).map(DigestMailTest::to)).containsExactlyInAnyOrder("ann@example.org", "bob@example.org");
        for (MimeMessage mail : mails) {
            assertThat(mail.getSubject()).isEqualTo("Channel Pulse digest for 2023-05-17");
            assertThat(mail.getFrom()[0].toString()).contains("pulse@test.local");
            String text = part(mail, "text/plain");
            String html = part(mail, "text/html");
            assertThat(text).contains("1 posts on 2023-05-17 in all channels.")
                    .contains("- @EmbUSA: 1 posts, 1100 views")
                    // 10230 is the only post; OSCE had 1 post in the 7 days before (10212), the others none
                    .contains("- #CIS: 1, avg 0.0, new  http://pulse.test/topics/cis?from=2023-05-17&to=2023-05-17")
                    .contains("- #OSCE: 1, avg 0.1, +600%")
                    .contains("Lavrov")
                    .contains("https://t.me/EmbUSA/10230")
                    .contains("Deleted and edited on 2023-05-17: 1 posts deleted, 2 edited")
                    .contains("- @EmbUSA: 1 deleted  http://pulse.test/channels/EmbUSA#recently-deleted")
                    .contains("2 edited  http://pulse.test/channels/EmbUSA#recently-edited")
                    .doesNotContain("@pulse_edge: 0 deleted")
                    .contains("Dashboard for 2023-05-17: http://pulse.test/?from=2023-05-17&to=2023-05-17")
                    .contains("Unsubscribe: http://pulse.test/digest/unsubscribe?s=");
            assertThat(text.indexOf("#CIS")).as("the top topic comes first").isLessThan(text.indexOf("#OSCE"));
            assertThat(html).contains("<table").doesNotContain("<script")
                    .contains("href=\"http://pulse.test/topics/osce?from=2023-05-17&amp;to=2023-05-17\"")
                    .contains("<strong id=\"total-posts\">1</strong>")
                    .contains("<strong id=\"deleted-posts\">1</strong>")
                    .contains("href=\"http://pulse.test/channels/EmbUSA#recently-deleted\"")
                    .contains("https://t.me/EmbUSA/10230")
                    .contains("Unsubscribe</a>");
        }

        run(DAY).then().statusCode(200).body("sent", equalTo(0)).body("skipped", equalTo(2));
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_log WHERE status = 'sent' AND day = ?",
                java.time.LocalDate.parse(DAY))).isEqualTo(2);
    }

    @Test
    void aChannelFilterNarrowsTheContent() throws Exception {
        subscribe("edge@example.org", List.of("@PULSE_EDGE")).then().statusCode(201)
                .body("channels", equalTo(List.of("pulse_edge")));
        run(DAY).then().body("sent", equalTo(1));
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        String text = part(mail, "text/plain");
        assertThat(text).contains("A quiet day: no posts on 2023-05-17 in @pulse_edge.")
                .contains("No post was deleted or edited on 2023-05-17.")
                .doesNotContain("10230").doesNotContain("OSCE")
                .contains("http://pulse.test/?from=2023-05-17&to=2023-05-17&channel=pulse_edge");
        assertThat(part(mail, "text/html")).contains("id=\"quiet\"");
    }

    @Test
    void smtpDownThenUpSendsExactlyOneMailAfterTheRetry() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        greenMail.stop();
        run(DAY).then().statusCode(200).body("sent", equalTo(0)).body("failed", equalTo(1));
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM digest_log")).isEqualTo("failed 1");
        assertThat(Db.text(dataSource, "SELECT last_error FROM digest_log")).isNotBlank();

        greenMail.start();
        Instant now = Instant.now();
        assertThat(sender.retryFailed(now)).as("not before its pause is over").isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(sender.retryFailed(now.plus(Duration.ofMinutes(6)))).isEqualTo(1);
        assertThat(sender.retryFailed(now.plus(Duration.ofHours(7)))).isZero();
        run(DAY).then().body("sent", equalTo(0)).body("skipped", equalTo(1));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM digest_log")).isEqualTo("sent 2");
    }

    /** Retries of several subscribers and channel lists, read in one pass: each gets the digest of its channels. */
    @Test
    void failedSendsOfSeveralSubscribersAreRetriedEachWithItsOwnChannels() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        subscribe("bob@example.org", null).then().statusCode(201);
        subscribe("edge@example.org", List.of("pulse_edge")).then().statusCode(201);
        greenMail.stop();
        run(DAY).then().statusCode(200).body("sent", equalTo(0)).body("failed", equalTo(3));
        greenMail.start();

        assertThat(sender.retryFailed(Instant.now().plus(Duration.ofMinutes(6)))).isEqualTo(3);
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(Arrays.stream(mails).map(DigestMailTest::to))
                .containsExactlyInAnyOrder("ann@example.org", "bob@example.org", "edge@example.org");
        for (MimeMessage mail : mails) {
            String text = part(mail, "text/plain");
            if (to(mail).equals("edge@example.org")) {
                assertThat(text).contains("A quiet day: no posts on 2023-05-17 in @pulse_edge.");
            } else {
                assertThat(text).contains("1 posts on 2023-05-17 in all channels.").contains("- @EmbUSA: 1 posts, 1100 views");
            }
            assertThat(text).as("each with its own unsubscribe link")
                    .contains("Unsubscribe: http://pulse.test/digest/unsubscribe?s=" + Db.count(dataSource,
                            "SELECT id FROM digest_subscribers WHERE email = ?", to(mail)) + "&t=");
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_log WHERE status = 'sent' AND attempts = 2"))
                .isEqualTo(3);
    }

    /**
     * The server accepts the mail, then the database refuses the write of 'sent' once (a trigger raises): the
     * bookkeeping is tried again, not the mail.
     */
    @Test
    void aMailTheServerAcceptedIsNotSentAgainWhenMarkingItSentFailsOnce() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        refuseMarkingSent(1);
        try {
            run(DAY).then().statusCode(200).body("sent", equalTo(1)).body("failed", equalTo(0));
        } finally {
            allowMarkingSent();
        }
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM digest_log")).isEqualTo("sent 1");
        Instant now = Instant.now();
        assertThat(sender.retryFailed(now.plus(Duration.ofMinutes(6)))).isZero();
        assertThat(sender.retryFailed(now.plus(Duration.ofHours(7)))).isZero();
        run(DAY).then().body("sent", equalTo(0)).body("skipped", equalTo(1));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    /**
     * The database refuses every write of 'sent' after the server accepted the mail: the claim stays, turns
     * 'interrupted' for the admin to judge, and nothing sends the mail again on its own.
     */
    @Test
    void aMailTheServerAcceptedIsNeverSentAgainWhenItCannotBeMarkedSent() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        refuseMarkingSent(DigestSender.BOOKKEEPING_ATTEMPTS);
        Instant now = Instant.now();
        try {
            run(DAY).then().statusCode(200).body("sent", equalTo(1)).body("failed", equalTo(0));
        } finally {
            allowMarkingSent();
        }
        assertThat(Db.text(dataSource, "SELECT status FROM digest_log")).isEqualTo("claimed");
        assertThat(sender.retryFailed(now.plus(Duration.ofHours(7)))).isZero();
        assertThat(sender.markInterrupted(now.plus(DigestSender.ABANDONED_CLAIM).plus(Duration.ofMinutes(1)))).isOne();
        assertThat(Db.text(dataSource, "SELECT status FROM digest_log")).isEqualTo("interrupted");
        assertThat(sender.retryFailed(now.plus(Duration.ofDays(1)))).isZero();
        run(DAY).then().body("sent", equalTo(0)).body("skipped", equalTo(1));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    /** A trigger that makes the next {@code times} updates of a digest to 'sent' fail, as a failing database would. */
    private void refuseMarkingSent(int times) throws Exception {
        sql("CREATE SEQUENCE refused_sent_marks");
        sql("CREATE FUNCTION refuse_sent_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.status = 'sent' AND nextval('refused_sent_marks') <= " + times + " THEN "
                + "RAISE EXCEPTION 'the database refuses to mark the digest sent'; END IF; RETURN NEW; END $$");
        sql("CREATE TRIGGER refuse_sent_mark BEFORE UPDATE ON digest_log FOR EACH ROW EXECUTE FUNCTION refuse_sent_mark()");
    }

    private void allowMarkingSent() throws Exception {
        assertThat(Db.count(dataSource, "SELECT last_value FROM refused_sent_marks")).as("the trigger fired").isPositive();
        sql("DROP TRIGGER refuse_sent_mark ON digest_log");
        sql("DROP FUNCTION refuse_sent_mark()");
        sql("DROP SEQUENCE refused_sent_marks");
    }

    @Test
    void theScheduledJobSendsYesterdayOnceTheTimeHasCome() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        sender.tick(Instant.parse("2023-05-18T06:59:00Z"));
        assertThat(greenMail.getReceivedMessages()).extracting(DigestMailTest::subject)
                .containsExactly("Channel Pulse digest for 2023-05-16");
        sender.tick(Instant.parse("2023-05-18T07:00:00Z"));
        sender.tick(Instant.parse("2023-05-18T07:01:00Z"));
        assertThat(greenMail.getReceivedMessages()).extracting(DigestMailTest::subject)
                .containsExactly("Channel Pulse digest for 2023-05-16", "Channel Pulse digest for 2023-05-17");
    }

    /**
     * Eight runs at once from eight plain threads, to eight subscribers each: 64 new SMTP connections (the test
     * profile turns keep-alive off) from threads without a Vert.x context. The mail client used to lose
     * GreenMail's greeting on a few of them and hang until the 30 s timeout, and the send then counted as failed.
     */
    @Test
    void digestsSentAtOnceFromPlainThreadsAllArrive() throws Exception {
        List<String> subscribers = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "reader" + i + "@example.org").toList();
        for (String email : subscribers) {
            subscribe(email, null).then().statusCode(201);
        }
        Instant now = Instant.now();
        List<java.time.LocalDate> days = java.util.stream.IntStream.rangeClosed(10, 17)
                .mapToObj(d -> java.time.LocalDate.of(2023, 5, d)).toList();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(days.size());
        try {
            List<java.util.concurrent.Future<DigestSender.Result>> runs = new java.util.ArrayList<>();
            for (java.time.LocalDate day : days) {
                runs.add(threads.submit(() -> sender.send(day, now, false)));
            }
            for (java.util.concurrent.Future<DigestSender.Result> run : runs) {
                assertThat(run.get(5, java.util.concurrent.TimeUnit.MINUTES).sent()).isEqualTo(subscribers.size());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(days.size() * subscribers.size());
    }

    @Test
    void aSendInterruptedMidwayIsShownAndSentAgainOnlyWhenTheAdminAsks() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        // what a kill between the claim and the SMTP reply leaves behind
        sql("INSERT INTO digest_log (subscriber_id, day, status, attempts, claimed_at) "
                + "VALUES (1, DATE '2023-05-17', 'claimed', 1, TIMESTAMPTZ '2023-05-18T07:00:05Z')");

        sender.tick(Instant.parse("2023-05-18T07:05:00Z"));
        assertThat(Db.text(dataSource, "SELECT status FROM digest_log")).as("a send may still be under way").isEqualTo("claimed");
        Admin.given().get("/api/digest/deliveries").then().statusCode(200).body("size()", equalTo(0));

        sender.tick(Instant.parse("2023-05-18T07:20:00Z"));
        assertThat(Db.text(dataSource, "SELECT status FROM digest_log")).isEqualTo("interrupted");
        Admin.given().get("/api/digest/deliveries").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].email", equalTo("ann@example.org"))
                .body("[0].day", equalTo(DAY))
                .body("[0].status", equalTo("interrupted"))
                .body("[0].lastError", containsString("may or may not have arrived"));
        run(DAY).then().body("sent", equalTo(0)).body("skipped", equalTo(1));
        sender.tick(Instant.parse("2023-05-19T07:20:00Z").minus(Duration.ofHours(1)));
        assertThat(greenMail.getReceivedMessages()).as("never re-sent on its own").isEmpty();

        Admin.given().post("/api/digest/resend?subscriber=1&date=" + DAY).then().statusCode(200)
                .body("outcome", equalTo("sent"));
        assertThat(greenMail.getReceivedMessages()).extracting(DigestMailTest::subject)
                .containsExactly("Channel Pulse digest for 2023-05-17");
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM digest_log")).isEqualTo("sent 2");
        Admin.given().post("/api/digest/resend?subscriber=1&date=" + DAY).then().statusCode(409)
                .body("error", containsString("no failed or interrupted digest"));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aDigestTheRetriesGaveUpOnIsListedAndCanBeSentAgain() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        sql("INSERT INTO digest_log (subscriber_id, day, status, attempts, last_error, claimed_at, next_attempt_at) "
                + "VALUES (1, DATE '2023-05-17', 'failed', 8, '421 try later', now(), now())");
        Admin.given().get("/api/digest/deliveries").then()
                .body("[0].status", equalTo("failed")).body("[0].gaveUp", equalTo(true))
                .body("[0].lastError", equalTo("421 try later"));
        assertThat(sender.retryFailed(Instant.now().plus(Duration.ofDays(1)))).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        Admin.given().post("/api/digest/resend?subscriber=1&date=" + DAY).then().statusCode(200);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        Admin.given().get("/api/digest/deliveries").then().body("size()", equalTo(0));
    }

    @Test
    void aResendNeedsTheAdminAndSaysWhatIsWrongWithItsParameters() {
        given().post("/api/digest/resend?subscriber=1&date=" + DAY).then().statusCode(401);
        given().get("/api/digest/deliveries").then().statusCode(401);
        Admin.given().post("/api/digest/resend?subscriber=ann&date=" + DAY).then().statusCode(400)
                .body("error", containsString("subscriber"));
        Admin.given().post("/api/digest/resend?subscriber=1").then().statusCode(400)
                .body("error", containsString("date"));
        Admin.given().post("/api/digest/resend?subscriber=99&date=" + DAY).then().statusCode(409);
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void theUnsubscribeLinkStopsTheNextDigestAndAForgedOneIsRefused() throws Exception {
        subscribe("ann@example.org", null).then().statusCode(201);
        run(DAY).then().body("sent", equalTo(1));
        Matcher link = Pattern.compile("http://pulse\\.test(/digest/unsubscribe\\?s=(\\d+)&t=([\\w-]+))")
                .matcher(part(greenMail.getReceivedMessages()[0], "text/plain"));
        assertThat(link.find()).isTrue();
        String s = link.group(2);
        String t = link.group(3);

        given().get("/digest/unsubscribe?s=" + s + "&t=" + t.substring(1) + "x").then().statusCode(400);
        given().formParam("s", s).formParam("t", "forged").post("/digest/unsubscribe").then().statusCode(400);
        given().get(link.group(1)).then().statusCode(200).body(containsString("ann@example.org"))
                .body(containsString("id=\"confirm-unsubscribe\""));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_subscribers WHERE unsubscribed_at IS NULL")).isOne();

        given().formParam("s", s).formParam("t", t).post("/digest/unsubscribe").then().statusCode(200)
                .body(containsString("will get no more digests"));
        run("2023-05-18").then().body("sent", equalTo(0));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void subscriptionsAreForTheAdminAndChecked() {
        given().contentType("application/json").body(Map.of("email", "ann@example.org"))
                .post("/api/subscriptions").then().statusCode(401);
        given().get("/api/subscriptions").then().statusCode(401);
        given().post("/api/digest/run?date=" + DAY).then().statusCode(401);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_subscribers")).isZero();

        subscribe("not an address", null).then().statusCode(400).body("error", containsString("email"));
        subscribe("ann@example.org", List.of("NoSuchChannel")).then().statusCode(400)
                .body("error", containsString("channels"));
        run("17.05.2023").then().statusCode(400).body("error", containsString("date"));

        int id = subscribe("Ann@Example.org", null).then().statusCode(201).extract().path("id");
        subscribe("ann@example.org", List.of("EmbUSA")).then().statusCode(200).body("id", equalTo(id));
        Admin.given().get("/api/subscriptions").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].channels", equalTo(List.of("EmbUSA")));
        Admin.given().delete("/api/subscriptions/" + id).then().statusCode(204);
        Admin.given().delete("/api/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void thePreviewShowsTheDayInTheBrowser() {
        given().get("/digest/preview?date=" + DAY).then().statusCode(200)
                .body(containsString("https://t.me/EmbUSA/10230")).body(containsString("OSCE"));
        given().get("/digest/preview?date=yesterday").then().statusCode(400).body(containsString("date"));
    }

    private static io.restassured.response.Response subscribe(String email, List<String> channels) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("email", email);
        if (channels != null) {
            body.put("channels", channels);
        }
        return Admin.given().body(body).post("/api/subscriptions");
    }

    private static io.restassured.response.Response run(String date) {
        return Admin.given().post("/api/digest/run?date=" + date);
    }

    private static String to(MimeMessage mail) {
        try {
            return mail.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded body of the first part of this type, however the parts are nested. */
    static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
