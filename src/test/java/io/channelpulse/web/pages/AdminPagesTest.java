package io.channelpulse.web.pages;

import io.channelpulse.generate.DemoData;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin pages: login form, session cookie, CSRF tokens, and the changes they make. */
@QuarkusTest
class AdminPagesTest {

    @Inject
    DataSource dataSource;

    @Inject
    DemoData demo;

    private Map<String, String> cookies;
    private String csrfName;
    private String csrfToken;

    @BeforeEach
    void loggedIn() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Admin.PASSWORD).post("/j_security_check");
        assertThat(login.statusCode()).isIn(200, 302, 303);
        cookies = new HashMap<>(login.cookies());
        assertThat(cookies).containsKey("quarkus-credential");
        Response page = given().cookies(cookies).get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        cookies.putAll(page.cookies());
        Document html = Jsoup.parse(page.asString());
        csrfName = html.selectFirst("form[action=/admin/channels] input[type=hidden]").attr("name");
        csrfToken = html.selectFirst("form[action=/admin/channels] input[type=hidden]").attr("value");
        assertThat(csrfToken).isNotBlank();
    }

    @Test
    void withoutASessionTheAdminPageAsksToLogIn() {
        Response anonymous = given().redirects().follow(false).get("/admin");
        assertThat(anonymous.statusCode()).isIn(302, 303);
        assertThat(anonymous.header("Location")).contains("/admin/login");
        assertThat(Jsoup.parse(given().get("/admin/login").asString()).select("form[action=/j_security_check]")).hasSize(1);
        Response wrong = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", "nope").post("/j_security_check");
        assertThat(wrong.header("Location")).contains("/admin/login?error=true");
        assertThat(wrong.cookies()).doesNotContainKey("quarkus-credential");
    }

    @Test
    void anEmptyInstallTellsWhatToDo() {
        String html = given().cookies(cookies).get("/admin").asString();
        assertThat(Jsoup.parse(html).select(".empty").text()).contains("No channels yet — add one");
    }

    @Test
    void channelsAreAddedPausedResumedAndRemovedThroughForms() {
        String message = post("/admin/channels", Map.of("handle", "@EmbUSA"));
        assertThat(message).contains("Added @EmbUSA");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isEqualTo(1);

        assertThat(post("/admin/channels/EmbUSA/pause", Map.of())).contains("Paused @EmbUSA");
        assertThat(Db.text(dataSource, "SELECT status FROM channels")).isEqualTo("paused");
        assertThat(post("/admin/channels/EmbUSA/resume", Map.of())).contains("Resumed");
        assertThat(Db.text(dataSource, "SELECT status FROM channels")).isEqualTo("active");
        assertThat(post("/admin/channels/EmbUSA/remove", Map.of())).contains("Removed @EmbUSA");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();

        assertThat(post("/admin/channels", Map.of("handle", "not a handle"))).contains("is not a public channel handle");
    }

    @Test
    void aFormWithoutTheCsrfTokenChangesNothing() {
        Response forged = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "EmbUSA").post("/admin/channels");
        assertThat(forged.statusCode()).isEqualTo(400);
        Response wrongToken = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "EmbUSA").formParam(csrfName, "forged").post("/admin/channels");
        assertThat(wrongToken.statusCode()).isEqualTo(400);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    /**
     * One filter guards every form of the page: each one posted without its token, or with another, gets the same
     * refusal as a stale channel form and changes nothing; with the token it goes through.
     */
    @Test
    void everyAdminFormIsRefusedWithoutItsToken() {
        assertThat(post("/admin/channels", Map.of("handle", "EmbUSA"))).contains("Added @EmbUSA");
        assertThat(post("/admin/watchlist", Map.of("key", "antonov", "label", "Anatoly Antonov", "aliases", "Antonov")))
                .contains("Added Anatoly Antonov");
        Document page = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        java.util.List<String> actions = page.select("form[method=post]").eachAttr("action").stream().distinct().toList();
        assertThat(actions).contains("/admin/logout", "/admin/channels", "/admin/channels/EmbUSA/pause", "/admin/demo",
                "/admin/imports", "/admin/watchlist", "/admin/watchlist/antonov/delete", "/admin/subscribers",
                "/admin/webhooks");
        String before = Db.text(dataSource, "SELECT (SELECT string_agg(handle || status, ',') FROM channels) || '|' "
                + "|| (SELECT string_agg(key, ',') FROM watched_entities)");
        long imports = Db.count(dataSource, "SELECT count(*) FROM imports");
        for (String action : actions) {
            for (String token : new String[]{null, "forged", csrfToken + "x"}) {
                var request = given().redirects().follow(false).cookies(cookies);
                request = action.equals("/admin/imports")
                        ? request.multiPart("channel", "EmbUSA").multiPart("file", "result.json", "{}".getBytes())
                        : request.contentType("application/x-www-form-urlencoded").formParam("handle", "Other");
                if (token != null) {
                    request = action.equals("/admin/imports") ? request.multiPart(csrfName, token)
                            : request.formParam(csrfName, token);
                }
                Response refused = request.post(action);
                assertThat(refused.statusCode()).as(action + " with token " + token).isEqualTo(400);
                assertThat(Jsoup.parse(refused.asString()).text()).as(action)
                        .contains("csrf: this form is stale or did not come from this site; reload the admin page and try again");
            }
        }
        assertThat(Db.text(dataSource, "SELECT (SELECT string_agg(handle || status, ',') FROM channels) || '|' "
                + "|| (SELECT string_agg(key, ',') FROM watched_entities)")).isEqualTo(before);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM imports")).isEqualTo(imports);
        Response upload = given().redirects().follow(false).cookies(cookies).multiPart("channel", "EmbUSA")
                .multiPart("file", "result.json", "not json".getBytes()).multiPart(csrfName, csrfToken).post("/admin/imports");
        assertThat(upload.statusCode()).as("the multipart form with its token").isEqualTo(303);
        assertThat(post("/admin/watchlist/antonov/delete", Map.of())).contains("Removed 'antonov'");
        Response out = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParam(csrfName, csrfToken).post("/admin/logout");
        assertThat(out.statusCode()).isEqualTo(303);
    }

    @Test
    void aStalePageOfAnotherSessionsCookieIsRefused() {
        Response refused = given().redirects().follow(false).cookies(cookies).cookie(CsrfToken.COOKIE, "short")
                .contentType("application/x-www-form-urlencoded").formParam("handle", "EmbUSA")
                .formParam(csrfName, "short").post("/admin/channels");
        assertThat(refused.statusCode()).as("a token this site never made").isEqualTo(400);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    @Test
    void withoutALoginAFormChangesNothing() {
        Response anonymous = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("handle", "EmbUSA").post("/admin/channels");
        assertThat(anonymous.statusCode()).isIn(302, 303, 401, 403);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    @Test
    void theWatchlistIsEditedThroughForms() {
        assertThat(post("/admin/watchlist", Map.of("key", "antonov", "label", "Anatoly Antonov",
                "aliases", "Antonov, Антонов"))).contains("Added Anatoly Antonov");
        assertThat(Db.text(dataSource, "SELECT array_to_string(aliases, '|') FROM watched_entities WHERE key = 'antonov'"))
                .isEqualTo("Antonov|Антонов");
        assertThat(post("/admin/watchlist", Map.of("key", "Bad Key", "label", "x", "aliases", "x")))
                .contains("The key must be");
        assertThat(post("/admin/watchlist/antonov/delete", Map.of())).contains("Removed 'antonov'");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM watched_entities WHERE key = 'antonov'")).isZero();
    }

    @Test
    void digestSubscribersAreAddedAndRemovedThroughForms() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
        }
        assertThat(post("/admin/subscribers", Map.of("email", "ann@example.org", "channels", "")))
                .contains("Subscribed ann@example.org");
        assertThat(post("/admin/subscribers", Map.of("email", "not-an-address", "channels", ""))).contains("email");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_subscribers")).isEqualTo(1);
        long id = Db.count(dataSource, "SELECT id FROM digest_subscribers");
        assertThat(post("/admin/subscribers/" + id + "/delete", Map.of())).contains("Removed the subscriber");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM digest_subscribers")).isZero();
    }

    @Test
    void digestsThatDidNotGoOutAreListedWithAButtonToSendThemAgain() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
        }
        assertThat(Jsoup.parse(given().cookies(cookies).get("/admin").asString()).select("#no-undelivered").text())
                .contains("Every digest so far went out");
        assertThat(Jsoup.parse(given().cookies(cookies).get("/admin").asString()).select("#last-digest").text())
                .isEqualTo("No digest has gone out yet.");
        post("/admin/subscribers", Map.of("email", "ann@example.org", "channels", ""));
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO digest_log (subscriber_id, day, status, attempts, claimed_at) "
                    + "VALUES (1, DATE '2023-05-17', 'interrupted', 1, now())");
            statement.execute("INSERT INTO digest_subscribers (email) VALUES ('bob@example.org')");
            statement.execute("INSERT INTO digest_log (subscriber_id, day, status, attempts, claimed_at, sent_at) "
                    + "VALUES (2, DATE '2023-05-16', 'sent', 1, now(), now()), (2, DATE '2023-05-17', 'sent', 1, now(), now())");
        }
        Document page = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        assertThat(page.select("#last-digest").text()).isEqualTo("Latest digest: 2023-05-17, sent to 1 of 2 subscribers.");
        assertThat(page.select("#admin-deliveries tbody tr")).hasSize(1);
        assertThat(page.select("#admin-deliveries td").eachText()).contains("2023-05-17", "ann@example.org", "interrupted");
        assertThat(page.select("#admin-deliveries form[action=/admin/digest/resend] input[name=day]").attr("value"))
                .isEqualTo("2023-05-17");

        // nothing listens on the test SMTP port here, so the send fails and says so
        assertThat(post("/admin/digest/resend", Map.of("subscriber", "1", "day", "2023-05-17")))
                .contains("The digest of 2023-05-17 to ann@example.org failed again");
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM digest_log WHERE subscriber_id = 1")).isEqualTo("failed 2");
        page = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        assertThat(page.select("#admin-deliveries td").text()).contains("failed")
                .containsPattern("Tried 2 times; next try at \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}\\.");
        assertThat(page.select("#admin-subscribers td").eachText())
                .anySatisfy(cell -> assertThat(cell).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}"));
        assertThat(page.select("#admin-subscribers time").attr("datetime")).matches("\\d{4}-\\d{2}-\\d{2}T.+Z");
        assertThat(page.select("footer").text()).isEqualTo("Times in UTC.");
        assertThat(post("/admin/digest/resend", Map.of("subscriber", "1", "day", "17 May")))
                .contains("'17 May' is not a day like 2023-05-17");
    }

    @Test
    void theDemoButtonFillsTheDatabaseInTheBackgroundOneRunAtATime() throws Exception {
        assertThat(Jsoup.parse(given().cookies(cookies).get("/admin").asString()).select("form[action=/admin/demo] button"))
                .hasSize(1);
        // Holding the channels table keeps the run from storing its first channel until the lock goes.
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (Statement statement = hold.createStatement()) {
                statement.execute("LOCK TABLE channels IN SHARE ROW EXCLUSIVE MODE");
            }
            assertThat(post("/admin/demo", Map.of())).isEqualTo("Generating 5,000 demo posts in 5 synthetic channels; "
                    + "this page shows how far it got");
            Document running = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
            assertThat(running.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("2; url=/admin");
            assertThat(running.select("#demo-progress").text()).contains("Generating demo data: 0 of 5,000 posts");
            assertThat(running.select("#demo-progress progress").attr("max")).isEqualTo("5000");
            assertThat(running.select("form[action=/admin/demo]")).isEmpty();
            assertThat(post("/admin/demo", Map.of())).isEqualTo("Demo data is being generated already; wait until it is done");
            hold.rollback();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> Jsoup.parse(given().cookies(cookies).get("/admin").asString())
                .select("#demo-progress").text().contains("Demo data is ready"));

        Document done = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        assertThat(done.select("#demo-progress").text()).contains("Demo data is ready: 5,000 posts, finished");
        assertThat(done.select("meta[http-equiv=refresh]")).isEmpty();
        assertThat(done.select("form[action=/admin/demo] button")).hasSize(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(5000);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isEqualTo(5);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE status = 'paused' AND handle ~ '^synthetic_0[1-5]$'"
                + " AND title LIKE 'Synthetic channel %'")).isEqualTo(5);
        // counted on the way in, as real posts are
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_posts"))
                .isEqualTo(Db.count(dataSource, "SELECT count(*) FROM posts WHERE kind = 'post'")).isPositive();
        // made-up channels are never resumed or polled against t.me; they can only be removed
        assertThat(done.select("#admin-channels button").eachText()).containsOnly("remove");
        assertThat(PulseTestResources.telegram().requestedPaths()).noneMatch(path -> path.contains("synthetic_"));
        assertThat(Jsoup.parse(given().get("/").asString()).getElementById("getting-started")).isNull();
    }

    @Test
    void theDemoButtonNeedsTheCsrfTokenAndALogin() {
        DemoData.Progress before = demo.progress();
        Response forged = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .post("/admin/demo");
        assertThat(forged.statusCode()).isEqualTo(400);
        Response anonymous = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam(csrfName, csrfToken).post("/admin/demo");
        assertThat(anonymous.statusCode()).isIn(302, 303, 401, 403);
        given().auth().preemptive().basic("admin", "wrong").contentType("application/x-www-form-urlencoded")
                .formParam(csrfName, csrfToken).post("/admin/demo").then().statusCode(org.hamcrest.Matchers.not(303));
        assertThat(demo.progress()).isEqualTo(before);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    @Test
    void aStuckWebhookDeliveryHasASendAgainButton() {
        Db.execute(dataSource, "TRUNCATE webhooks RESTART IDENTITY CASCADE");
        // nothing listens on port 9 here: the delivery fails again, and says so
        Db.count(dataSource, "INSERT INTO webhooks (url, secret, events) VALUES ('http://127.0.0.1:9/hook', 's', "
                + "ARRAY['spike']) RETURNING id");
        long stuck = Db.count(dataSource, "INSERT INTO webhook_deliveries (webhook_id, event, event_key, body, status, "
                + "attempts, claimed_at) VALUES (1, 'spike', 'spike|topic|osce|day|a', '{}', 'interrupted', 1, now()) RETURNING id");
        Db.count(dataSource, "INSERT INTO webhook_deliveries (webhook_id, event, event_key, body, status, attempts, "
                + "sent_at) VALUES (1, 'spike', 'spike|topic|osce|day|b', '{}', 'sent', 1, now()) RETURNING id");
        Document admin = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        assertThat(admin.select("#admin-webhook-deliveries form button").eachText()).as("only the stuck one")
                .containsExactly("Send again");
        assertThat(admin.select("#admin-webhook-deliveries form").attr("action"))
                .isEqualTo("/admin/webhooks/deliveries/" + stuck + "/send");

        assertThat(post("/admin/webhooks/deliveries/" + stuck + "/send", Map.of()))
                .isEqualTo("Webhook delivery " + stuck + " to http://127.0.0.1:9/hook failed again; the error is in "
                        + "the table below");
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM webhook_deliveries WHERE id = ?", stuck))
                .isEqualTo("failed 2");
        assertThat(post("/admin/webhooks/deliveries/" + (stuck + 1) + "/send", Map.of()))
                .startsWith("Webhook delivery " + (stuck + 1) + " to http://127.0.0.1:9/hook was not sent again");
        Db.execute(dataSource, "TRUNCATE webhooks RESTART IDENTITY CASCADE");
    }

    @Test
    void aSpikeMailThatDidNotGoOutIsListedAndCanBeSentAgain() {
        Db.execute(dataSource, "TRUNCATE digest_subscribers, alert_mails RESTART IDENTITY CASCADE");
        Db.execute(dataSource, "INSERT INTO digest_subscribers (email, alerts) VALUES ('desk@example.org', true)");
        Db.execute(dataSource, "INSERT INTO alert_mails (subscriber_id, metric, key, day, subject, text, status, attempts, "
                + "claimed_at, last_error) VALUES (1, 'topic', 'surge', DATE '2024-02-15', 'Spike: #Surge, 14 posts on "
                + "15 Feb 2024', 'text', 'failed', 8, now(), 'Connection refused')");
        Document page = Jsoup.parse(given().cookies(cookies).get("/admin").asString());
        assertThat(page.select("#admin-alert-mails td").eachText()).contains("2024-02-15", "desk@example.org",
                "Spike: #Surge, 14 posts on 15 Feb 2024", "failed after 8 tries", "No tries left. Connection refused");
        assertThat(page.select("#admin-alert-mails form[action=/admin/alerts/resend] input[name=key]").attr("value"))
                .isEqualTo("surge");

        // nothing listens on the test SMTP port here, so the send fails and says so
        assertThat(post("/admin/alerts/resend", Map.of("subscriber", "1", "metric", "topic", "key", "surge",
                "day", "2024-02-15"))).isEqualTo("The spike mail about topic surge of 2024-02-15 to desk@example.org "
                + "failed again; the error is in the table below");
        assertThat(Db.text(dataSource, "SELECT status || ' ' || attempts FROM alert_mails")).isEqualTo("failed 9");
        assertThat(post("/admin/alerts/resend", Map.of("subscriber", "1", "metric", "topic", "key", "other",
                "day", "2024-02-15"))).endsWith("was not sent again: it was sent or is being sent, or the subscriber "
                + "no longer takes alerts");
        assertThat(post("/admin/alerts/resend", Map.of("subscriber", "1", "metric", "topic", "key", "surge",
                "day", "15 Feb"))).isEqualTo("'15 Feb' is not a day like 2023-05-17");
        Db.execute(dataSource, "UPDATE digest_subscribers SET alerts = false");
        assertThat(Jsoup.parse(given().cookies(cookies).get("/admin").asString()).select("#no-stuck-alert-mails").text())
                .startsWith("Every spike mail so far went out");
    }

    @Test
    void theApiDoesNotAcceptThePageSession() {
        given().cookies(cookies).contentType("application/json").body(Map.of("handle", "EmbUSA"))
                .post("/api/channels").then().statusCode(401);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }

    /** Posts a form as the logged-in admin and returns the message of the page it redirects to. */
    private String post(String path, Map<String, String> fields) {
        // as a browser sends it: UTF-8, so that Cyrillic names arrive intact
        Response response = given().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(fields).formParam(csrfName, csrfToken).post(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
        String location = response.header("Location");
        Document page = Jsoup.parse(given().urlEncodingEnabled(false).cookies(cookies).get(location.replaceFirst("^https?://[^/]+", "")).asString());
        return page.select("#admin-message").text();
    }
}
