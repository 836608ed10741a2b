package io.channelpulse.ingest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** From a handle to every post in PostgreSQL, through the stand-in Telegram. */
@QuarkusTest
class ChannelIngestTest {

    private static final String NEWEST = "/s/EmbUSA";
    private static final String OLDER = "/s/EmbUSA?before=10212";

    @Inject
    DataSource dataSource;

    @Inject
    ChannelPoller poller;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram.reset();
    }

    @Test
    void addingAChannelBackfillsItsWholeHistory() {
        JsonPath added = Admin.given().body(Map.of("handle", "@EmbUSA")).post("/api/channels")
                .then().statusCode(201).extract().jsonPath();
        assertThat(added.getString("handle")).isEqualTo("EmbUSA");

        JsonPath channel = awaitChannel("EmbUSA", c -> pollEnded(c) && c.getLong("messageCount") == 23);
        assertThat(channel.getString("status")).isEqualTo("active");
        assertThat(channel.getString("title")).isEqualTo("Embassy of Russia in the USA / Посольство России в США");
        assertThat(channel.getLong("subscribers")).isEqualTo(6990);
        assertThat(channel.getLong("postCount")).as("the pinned service message is not a post").isEqualTo(22);
        assertThat(channel.getString("lastPolledAt")).isNotNull();

        List<Map<String, Object>> posts = allPosts("EmbUSA");
        assertThat(posts).hasSize(23);
        assertThat(posts).extracting(p -> ((Number) p.get("id")).longValue()).first().isEqualTo(13904L);
        assertThat(posts).extracting(p -> ((Number) p.get("id")).longValue()).last().isEqualTo(10133L);

        Map<String, Object> forwarded = post(posts, 10212);
        assertThat(forwarded.get("url")).isEqualTo("https://t.me/EmbUSA/10212");
        assertThat(forwarded.get("publishedAt")).isEqualTo("2023-05-16T09:12:41Z");
        assertThat(forwarded.get("views")).isEqualTo(1400);
        assertThat(forwarded.get("kind")).isEqualTo("post");
        assertThat(forwarded.get("forwardedFrom")).isEqualTo(
                Map.of("handle", "MFARussia", "title", "Russian MFA 🇷🇺", "postId", 16501));
        assertThat(forwarded.get("hashtags")).isEqualTo(List.of("nato", "osce"));
        assertThat((String) forwarded.get("text")).contains("associations <...> &").contains("\n\n");

        Map<String, Object> reply = post(posts, 10148);
        assertThat(reply.get("replyTo")).isEqualTo(10150);
        assertThat(reply.get("forwardedFrom")).isNull();

        Map<String, Object> signed = post(posts, 10145);
        assertThat(signed.get("signature")).isEqualTo("Press Office");
        assertThat(signed.get("views")).isEqualTo(5010);
        assertThat(post(posts, 10139).get("edited")).isEqualTo(true);
        assertThat(post(posts, 10139).get("reactions")).isEqualTo(List.of(
                Map.of("emoji", "👍", "count", 1100), Map.of("emoji", "😡", "count", 96)));
        assertThat(post(posts, 10142).get("mentions"))
                .isEqualTo(List.of("mfarussia", "nato", "ukraine", "un", "zakharova"));
        assertThat(mediaTypes(post(posts, 10154))).containsExactly("album");
        assertThat(mediaTypes(post(posts, 10163))).containsExactly("poll");
        assertThat(mediaTypes(post(posts, 10142))).containsExactly("link_preview");
        assertThat(post(posts, 10181).get("kind")).isEqualTo("service");
        assertThat(post(posts, 10181).get("views")).isNull();

        assertThat(Db.count(dataSource, "SELECT count(*) FROM channel_snapshots WHERE subscribers = 6990")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views")).isEqualTo(22);
        assertThat(telegram.requestedPaths()).containsExactly(NEWEST, OLDER, "/s/EmbUSA?before=10133");
        assertThat(telegram.requests()).allSatisfy(request -> {
            assertThat(request.userAgent()).startsWith("Mozilla/5.0");
            assertThat(request.acceptLanguage()).isEqualTo("en");
        });
    }

    @Test
    void addingATrackedChannelAgainChangesNothing() {
        addAndAwaitHistory("EmbUSA");
        Admin.given().body(Map.of("handle", "https://t.me/s/EmbUSA")).post("/api/channels")
                .then().statusCode(200).body("handle", equalTo("EmbUSA"));
        Admin.given().post("/api/channels/embusa/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.requestedPaths().size() >= 4);
        awaitChannel("EmbUSA", c -> c.getString("lastPolledAt") != null && c.getLong("messageCount") == 23);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(23);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_media")).isEqualTo(11);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_edits")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isEqualTo(1);
    }

    @Test
    void aPollStoresOnlyNewPostsAndRecordsEdits() {
        addAndAwaitHistory("EmbUSA");
        String original = TelegramStandIn.fixture("EmbUSA.html");
        String changed = withNewPost(original
                .replace("Foreign Minister Sergey Lavrov’s interview", "Foreign Minister Sergey Lavrov’s full interview")
                .replace("<span class=\"tgme_widget_message_views\">2.31K</span>",
                        "<span class=\"tgme_widget_message_views\">3.5K</span>"));
        telegram.reset();
        telegram.always(NEWEST, Answer.page(changed));

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitChannel("EmbUSA", c -> c.getLong("messageCount") == 24);

        assertThat(telegram.requestedPaths()).as("the newest page reaches stored posts").containsExactly(NEWEST);
        assertThat(Db.text(dataSource, "SELECT previous_text FROM post_edits WHERE post_id = 13904"))
                .startsWith("🎙Foreign Minister Sergey Lavrov’s interview");
        assertThat(Db.text(dataSource, "SELECT text FROM posts WHERE id = 13904")).contains("full interview");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views WHERE post_id = 13904")).isEqualTo(2);
        assertThat(Db.count(dataSource, "SELECT max(views) FROM post_views WHERE post_id = 13904")).isEqualTo(3500);
        Map<String, Object> edited = post(allPosts("EmbUSA"), 13904);
        assertThat(edited.get("edited")).isEqualTo(true);
        assertThat(edited.get("views")).isEqualTo(3500);
        assertThat(post(allPosts("EmbUSA"), 13910).get("text")).isEqualTo("A new post after the first poll. #NewTopic");
        assertThat(minutesUntilDue("EmbUSA")).as("a quiet channel that has just posted: half of pulse.poll.max")
                .isBetween(88.0, 90.0);
    }

    @Test
    void eachPollWritesWhenTheChannelIsDueAgainAndItsPageShowsIt() {
        addAndAwaitHistory("EmbUSA");
        // its posts are years old: it is checked at the longest interval, pulse.poll.max
        assertThat(minutesUntilDue("EmbUSA")).isBetween(178.0, 180.0);
        String page = given().get("/channels/EmbUSA").then().statusCode(200).extract().asString();
        String due = Db.text(dataSource, "SELECT to_char(next_poll_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                + " FROM channels WHERE handle = 'EmbUSA'");
        assertThat(page).containsPattern("next check <span id=\"next-check\"><time datetime=\"" + due + "[.0-9]*Z\"");
    }

    @Test
    void dueChecksPollTheChannelsThatAreDueAndNoOthers() {
        addAndAwaitHistory("EmbUSA");
        addAndAwaitAll("pulse_edge");
        Db.count(dataSource, "WITH due AS (UPDATE channels SET next_poll_at = now() - interval '1 minute'"
                + " WHERE handle = 'EmbUSA' RETURNING 1) SELECT count(*) FROM due");
        Db.count(dataSource, "WITH later AS (UPDATE channels SET next_poll_at = now() + interval '1 hour'"
                + " WHERE handle = 'pulse_edge' RETURNING 1) SELECT count(*) FROM later");
        telegram.reset();

        poller.pollDue();

        await().atMost(Duration.ofSeconds(30)).until(() -> minutesUntilDue("EmbUSA") > 0);
        assertThat(telegram.requestedPaths()).contains(NEWEST).noneMatch(path -> path.contains("pulse_edge"));
        assertThat(minutesUntilDue("pulse_edge")).isBetween(59.0, 60.0);
    }

    @Test
    void aPollFillsTheGapWhenMoreThanAPageIsNew() {
        telegram.always(NEWEST, Answer.page(TelegramStandIn.fixture("EmbUSA_before_10212.html")));
        addAndAwait("EmbUSA", 18);
        telegram.reset();

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitChannel("EmbUSA", c -> c.getLong("messageCount") == 23);
        assertThat(telegram.requestedPaths()).containsExactly(NEWEST, OLDER);
    }

    @Test
    void aRateLimitIsWaitedOut() {
        telegram.queue(NEWEST, Answer.status(429, Map.of("Retry-After", "1")));
        long started = System.nanoTime();
        addAndAwaitHistory("EmbUSA");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(telegram.requestedPaths()).startsWith(NEWEST, NEWEST, OLDER);
        assertThat(channel("EmbUSA").getString("status")).isEqualTo("active");
    }

    @Test
    void serverErrorsAreRetried() {
        telegram.queue(OLDER, Answer.status(502, Map.of()), Answer.status(503, Map.of()));
        addAndAwaitHistory("EmbUSA");
        assertThat(telegram.requestedPaths()).containsSubsequence(NEWEST, OLDER, OLDER, OLDER);
    }

    @Test
    void anInterruptedBackfillResumesWhereItStopped() {
        telegram.always(OLDER, Answer.status(500, Map.of()));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        JsonPath failing = awaitChannel("EmbUSA", c -> "failing".equals(c.getString("status")));
        assertThat(failing.getLong("messageCount")).isEqualTo(5);
        assertThat(failing.getString("lastError")).contains("Gave up").contains("HTTP 500");
        assertThat(failing.getBoolean("backfill.done")).isFalse();

        telegram.reset();
        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        // the last page is stored (backfill done) a moment before the poll writes down how it ended
        JsonPath done = awaitChannel("EmbUSA", c -> c.getBoolean("backfill.done") && "active".equals(c.getString("status")));
        assertThat(done.getLong("messageCount")).isEqualTo(23);
        assertThat(done.getString("status")).isEqualTo("active");
        assertThat(done.getString("lastError")).isNull();
        assertThat(telegram.requestedPaths()).contains(OLDER, "/s/EmbUSA?before=10133");
    }

    @Test
    void aChannelWithoutPreviewIsMarkedAndOthersGoOn() {
        telegram.always("/s/hidden_channel",
                Answer.status(302, Map.of("Location", telegram.baseUrl() + "/hidden_channel")));
        Admin.given().body(Map.of("handle", "hidden_channel")).post("/api/channels").then().statusCode(201);
        addAndAwaitHistory("EmbUSA");
        JsonPath hidden = awaitChannel("hidden_channel", c -> "no_preview".equals(c.getString("status")));
        assertThat(hidden.getString("lastError")).contains("no web preview");
        assertThat(hidden.getLong("messageCount")).isZero();
    }

    @Test
    void aPageThatDoesNotParseIsKeptAndLosesNothing() {
        addAndAwaitHistory("EmbUSA");
        String broken = "<html><body><h1>Something else entirely</h1></body></html>";
        telegram.always(NEWEST, Answer.page(broken));

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        JsonPath failing = awaitChannel("EmbUSA", c -> "failing".equals(c.getString("status")));
        assertThat(failing.getString("lastError")).contains("Could not read").contains("kept for inspection");
        assertThat(failing.getLong("messageCount")).isEqualTo(23);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(23);
        assertThat(Db.text(dataSource, "SELECT body FROM unparsed_pages")).isEqualTo(broken);

        telegram.reset();
        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitChannel("EmbUSA", c -> "active".equals(c.getString("status")));
    }

    @Test
    void removingAChannelKeepsItsPostsUnlessPurged() {
        addAndAwaitHistory("EmbUSA");
        Admin.given().delete("/api/channels/EmbUSA").then().statusCode(204);
        assertThat(channel("EmbUSA").getString("status")).isEqualTo("paused");
        assertThat(allPosts("EmbUSA")).hasSize(23);

        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(200)
                .body("status", equalTo("active"));

        Admin.given().delete("/api/channels/EmbUSA?purge=true").then().statusCode(204);
        given().get("/api/channels/EmbUSA").then().statusCode(404);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isZero();
        Admin.given().delete("/api/channels/EmbUSA").then().statusCode(404).body("error", equalTo(
                "Channel 'EmbUSA' is not tracked"));
    }

    /**
     * A purge leaves no row with the channel's id in any table, and the tables keyed by topic or forward source
     * alone (spellings, sources, totals) end exactly as if only the other channel had ever been tracked.
     * pulse_edge shares the topic #osce with EmbUSA, in other spellings.
     */
    @Test
    void aPurgeLeavesNothingOfTheChannelBehind() {
        addAndAwaitAll("pulse_edge");
        String onlyTheOtherChannel = keyedTables();
        Db.reset(dataSource);

        addAndAwaitHistory("EmbUSA");
        addAndAwaitAll("pulse_edge");
        long embusa = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        assertThat(keyedTables()).isNotEqualTo(onlyTheOtherChannel);
        Admin.given().delete("/api/channels/EmbUSA?purge=true").then().statusCode(204);

        List<String> tables = Db.strings(dataSource, "SELECT table_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND column_name = 'channel_id' ORDER BY 1");
        assertThat(tables).contains("posts", "daily_counts", "daily_posts", "post_media", "channel_snapshots");
        for (String table : tables) {
            assertThat(Db.count(dataSource, "SELECT count(*) FROM " + table + " WHERE channel_id = ?", embusa))
                    .as(table).isZero();
        }
        assertThat(keyedTables()).isEqualTo(onlyTheOtherChannel);
    }

    /** Minutes from the database's now until the channel's next check is due. */
    private double minutesUntilDue(String handle) {
        return Double.parseDouble(Db.text(dataSource, "SELECT extract(epoch FROM next_poll_at - now()) / 60"
                + " FROM channels WHERE handle = '" + handle + "'"));
    }

    private void addAndAwaitAll(String handle) {
        Admin.given().body(Map.of("handle", handle)).post("/api/channels").then().statusCode(201);
        awaitChannel(handle, ChannelIngestTest::pollEnded);
    }

    /** Every row of the tables keyed by topic or forward source, without a channel. */
    private String keyedTables() {
        StringBuilder rows = new StringBuilder();
        for (String table : List.of("topic_spellings", "forward_sources", "daily_totals", "monthly_totals")) {
            rows.append(table).append(": ").append(Db.text(dataSource,
                    "SELECT string_agg(t::text, ' ' ORDER BY t::text) FROM " + table + " t")).append('\n');
        }
        return rows.toString();
    }

    private void addAndAwaitHistory(String handle) {
        addAndAwait(handle, 23);
    }

    private void addAndAwait(String handle, long messages) {
        Admin.given().body(Map.of("handle", handle)).post("/api/channels").then().statusCode(201);
        awaitChannel(handle, c -> pollEnded(c) && c.getLong("messageCount") == messages);
    }

    /** The first poll is over once its backfill is done and it has recorded how it ended. */
    private static boolean pollEnded(JsonPath channel) {
        return channel.getBoolean("backfill.done") && channel.getString("lastPolledAt") != null;
    }

    static JsonPath channel(String handle) {
        return given().get("/api/channels/" + handle).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitChannel(String handle, java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> channel(handle), condition);
    }

    static List<Map<String, Object>> allPosts(String handle) {
        return given().queryParam("channel", handle).queryParam("limit", 500).get("/api/posts")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    static Map<String, Object> post(List<Map<String, Object>> posts, long id) {
        return posts.stream().filter(p -> ((Number) p.get("id")).longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + id));
    }

    @SuppressWarnings("unchecked")
    private static List<String> mediaTypes(Map<String, Object> post) {
        return ((List<Map<String, Object>>) post.get("media")).stream().map(m -> (String) m.get("type")).toList();
    }

    /** The newest page with one more message after 13904. */
    private static String withNewPost(String page) {
        int start = page.lastIndexOf("<div class=\"tgme_widget_message_wrap");
        int end = page.lastIndexOf("</section>");
        String last = page.substring(start, end);
        String added = last.replace("EmbUSA/13904", "EmbUSA/13910")
                .replace("2024-12-26T06:20:30+00:00", "2024-12-27T08:00:00+00:00")
                .replaceAll("(?s)<div class=\"tgme_widget_message_forwarded_from.*?</div>", "")
                .replaceAll("(?s)(<div class=\"tgme_widget_message_text js-message_text\" dir=\"auto\">).*?</div>",
                        "$1A new post after the first poll. <a href=\"?q=%23NewTopic\">#NewTopic</a></div>");
        return page.substring(0, end) + added + page.substring(end);
    }
}
