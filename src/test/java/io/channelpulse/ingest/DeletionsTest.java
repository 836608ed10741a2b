package io.channelpulse.ingest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.Rollups;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Deletions through the stand-in Telegram: the fixture pages with messages taken out in memory. EmbUSA's newest
 * page holds 10212, 10230, 10241, 10637 and 13904; the page below it the 18 posts 10133-10184; then its history ends.
 */
@QuarkusTest
@TestProfile(DeletionsTest.Profile.class)
class DeletionsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.recheck.embed-checks-per-poll", "5", "pulse.telegram.timeout", "2s");
        }
    }

    private static final String NEWEST = "/s/EmbUSA";
    private static final String OLDER = "/s/EmbUSA?before=10212";
    private static final String NOT_FOUND = "<html><body class=\"widget_frame_base\">"
            + "<div class=\"tgme_widget_message_error\">Post not found</div></body></html>";

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram.reset();
    }

    @Test
    void aPostMissingFromTwoReadsInARowIsDeletedAndKeepsItsCounts() {
        track(fixture("EmbUSA.html"), fixture("EmbUSA_before_10212.html"));
        long views = Db.count(dataSource, "SELECT views FROM posts WHERE id = 10241");
        long dayPosts = Db.count(dataSource, "SELECT sum(posts) FROM daily_posts");
        telegram.always(NEWEST, Answer.page(without(fixture("EmbUSA.html"), 10241)));

        poll();
        assertThat(episode(10241)).as("one missing read marks nothing").isEqualTo("open");
        assertThat(deletedAt(10241)).isNull();
        assertThat(telegram.requestedPaths()).contains("/EmbUSA/10241?embed=1");

        poll();
        assertThat(episode(10241)).isEqualTo("confirmed by second_read");
        assertThat(deletedAt(10241)).isNotNull();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(telegram.requestedPaths().stream().filter(p -> p.contains("embed=1")))
                .as("a confirmed post is not asked again").hasSize(1);

        assertThat(Db.count(dataSource, "SELECT views FROM posts WHERE id = 10241")).isEqualTo(views);
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_posts")).as("a deleted post was published")
                .isEqualTo(dayPosts);
        assertThat(Db.count(dataSource, "SELECT post_count FROM channels")).isEqualTo(22);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();

        String page = given().get("/channels/EmbUSA").then().statusCode(200).extract().asString();
        assertThat(section(page, "Recently deleted")).contains("href=\"/posts/EmbUSA/10241\"").contains("<time");
    }

    @Test
    void aPostMissingOnceAndBackIsNotDeletedAndTheEpisodeIsKept() {
        track(fixture("EmbUSA.html"), fixture("EmbUSA_before_10212.html"));
        telegram.queue(NEWEST, Answer.page(without(fixture("EmbUSA.html"), 10241)));

        poll();
        assertThat(episode(10241)).isEqualTo("open");
        poll();
        assertThat(episode(10241)).isEqualTo("reappeared");
        assertThat(deletedAt(10241)).isNull();

        // deleted after two misses, then back: not deleted any more, both episodes kept
        telegram.queue(NEWEST, Answer.page(without(fixture("EmbUSA.html"), 10241)),
                Answer.page(without(fixture("EmbUSA.html"), 10241)));
        poll();
        poll();
        assertThat(deletedAt(10241)).isNotNull();
        poll();
        assertThat(deletedAt(10241)).isNull();
        assertThat(Db.strings(dataSource, "SELECT coalesce(confirmed_by, '-') || ' ' || (reappeared_at IS NOT NULL)"
                + " FROM post_deletions WHERE post_id = 10241 ORDER BY missing_at"))
                .containsExactly("- true", "second_read true");
        // the post's story tells both episodes, in the API and on its page
        given().get("/api/posts/EmbUSA/10241").then().statusCode(200)
                .body("deleted", equalTo(false))
                .body("deletions", hasSize(2))
                .body("deletions[0].confirmedAt", nullValue())
                .body("deletions[0].reappearedAt", notNullValue())
                .body("deletions[1].confirmedBy", equalTo("second_read"))
                .body("deletions[1].reappearedAt", notNullValue());
        String page = given().get("/posts/EmbUSA/10241").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"deletion-history\"").contains("missing again at the next read")
                .contains("so not deleted");
    }

    @Test
    void onlyAPostNotFoundEmbedPageConfirmsAtOnce() {
        track(fixture("EmbUSA_before_10212.html"), fixture("EmbUSA_before_10133.html"));
        // the newest page is the 18-post one here; four of its posts go missing at once
        telegram.always(NEWEST, Answer.page(without(fixture("EmbUSA_before_10212.html"), 10139, 10145, 10151, 10157)));
        telegram.queue("/EmbUSA/10139?embed=1", Answer.page(NOT_FOUND));
        telegram.queue("/EmbUSA/10145?embed=1", new Answer(403, NOT_FOUND, Map.of(), Duration.ZERO));
        telegram.queue("/EmbUSA/10151?embed=1", new Answer(502, NOT_FOUND, Map.of(), Duration.ZERO));
        telegram.queue("/EmbUSA/10157?embed=1", Answer.page(NOT_FOUND).after(Duration.ofSeconds(4)));

        poll();
        assertThat(telegram.requestedPaths()).contains("/EmbUSA/10139?embed=1", "/EmbUSA/10145?embed=1",
                "/EmbUSA/10151?embed=1", "/EmbUSA/10157?embed=1");
        assertThat(episode(10139)).isEqualTo("confirmed by embed");
        assertThat(deletedAt(10139)).isNotNull();
        for (long unclear : new long[]{10145, 10151, 10157}) {
            assertThat(episode(unclear)).as("post %d", unclear).isEqualTo("open");
            assertThat(deletedAt(unclear)).as("post %d", unclear).isNull();
        }
    }

    @Test
    void aPageMissingMostOfItsRangeMarksNothingAndWarns() {
        track(fixture("EmbUSA.html"), fixture("EmbUSA_before_10212.html"));
        // 10133 to 10637 covers the 20 stored posts 10136-10184, 10212, 10230 and 10241; the page holds 4 posts
        String older = fixture("EmbUSA_before_10212.html");
        String sparse = only(older, 10133, 10160, 10184).replace("</section></div></main>",
                message(fixture("EmbUSA.html"), 10637) + "</section></div></main>");
        telegram.queue(NEWEST, Answer.page(sparse));

        poll();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_deletions")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL")).isZero();
        String warning = given().get("/api/channels/EmbUSA").then().statusCode(200).extract().path("warning");
        assertThat(warning).contains("missed 18 of the 20 stored posts");
        String page = given().get("/channels/EmbUSA").then().statusCode(200).extract().asString();
        assertThat(page).contains("missed 18 of the 20 stored posts");

        poll();
        assertThat((String) given().get("/api/channels/EmbUSA").then().extract().path("warning"))
                .as("a clean newest page clears it").isNull();
    }

    @Test
    void theRecheckOfRecentPagesFindsADeletionTheNewestPageCannotSee() {
        track(recent(fixture("EmbUSA.html")), recent(fixture("EmbUSA_before_10212.html")));
        telegram.always(OLDER, Answer.page(recent(without(fixture("EmbUSA_before_10212.html"), 10160))));

        poll();
        assertThat(telegram.requestedPaths()).containsSubsequence(NEWEST, OLDER, "/EmbUSA/10160?embed=1");
        assertThat(episode(10160)).isEqualTo("open");
        poll();
        assertThat(episode(10160)).isEqualTo("confirmed by second_read");
        assertThat(deletedAt(10160)).isNotNull();
    }

    @Test
    void theChannelPageListsTheEditsItSaw() {
        track(fixture("EmbUSA.html"), fixture("EmbUSA_before_10212.html"));
        String newest = fixture("EmbUSA.html");
        String block = message(newest, 10637);
        String edited = block.replace("dir=\"auto\">", "dir=\"auto\">Corrected &lt;b&gt;statement&lt;/b&gt;: ");
        assertThat(edited).isNotEqualTo(block);
        telegram.always(NEWEST, Answer.page(newest.replace(block, edited)));

        poll();
        String page = given().get("/channels/EmbUSA").then().statusCode(200).extract().asString();
        String list = section(page, "Recently edited");
        assertThat(list).contains("href=\"/posts/EmbUSA/10637\"").contains("<time")
                .as("post text is escaped").contains("Corrected &lt;b&gt;statement&lt;/b&gt;").doesNotContain("<b>");
        assertThat(section(page, "Recently deleted")).contains("No post of this channel was deleted");
    }

    @Test
    void oldPagesAreNotReadAgain() {
        track(fixture("EmbUSA.html"), fixture("EmbUSA_before_10212.html"));
        poll();
        assertThat(telegram.requestedPaths()).as("the fixture posts are from 2023").containsExactly(NEWEST);
    }

    /** Adds EmbUSA with these two pages (and the fixture's end of history below) and waits for its backfill. */
    private void track(String newest, String older) {
        telegram.always(NEWEST, Answer.page(newest));
        telegram.always(OLDER, Answer.page(older));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE backfill_done AND polled_by IS NULL AND last_polled_at IS NOT NULL") == 1);
        telegram.reset();
        telegram.always(NEWEST, Answer.page(newest));
        telegram.always(OLDER, Answer.page(older));
    }

    private void poll() {
        Instant asked = Instant.now();
        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE polled_by IS NULL AND last_polled_at >= ?",
                java.sql.Timestamp.from(asked)) == 1);
    }

    private String episode(long postId) {
        return Db.text(dataSource, """
                SELECT CASE WHEN reappeared_at IS NOT NULL THEN 'reappeared'
                            WHEN confirmed_at IS NULL THEN 'open' ELSE 'confirmed by ' || confirmed_by END
                FROM post_deletions WHERE post_id = ? ORDER BY missing_at DESC LIMIT 1""", postId);
    }

    private String deletedAt(long postId) {
        return Db.text(dataSource, "SELECT deleted_at::text FROM posts WHERE id = ?", postId);
    }

    private static String fixture(String name) {
        return TelegramStandIn.fixture(name);
    }

    private static int start(String page, long id) {
        int post = page.indexOf("data-post=\"EmbUSA/" + id + "\"");
        assertThat(post).as("post %d on the page", id).isPositive();
        return page.lastIndexOf("<div class=\"tgme_widget_message_wrap", post);
    }

    private static int end(String page, int start) {
        int next = page.indexOf("<div class=\"tgme_widget_message_wrap", start + 1);
        return next < 0 ? page.indexOf("</section></div></main>", start) : next;
    }

    /** The message's whole block on the page. */
    static String message(String page, long id) {
        int start = start(page, id);
        return page.substring(start, end(page, start));
    }

    /** The page with these messages taken out, as if deleted. */
    static String without(String page, long... ids) {
        String result = page;
        for (long id : ids) {
            result = result.replace(message(result, id), "");
        }
        return result;
    }

    /** The page with only these messages left. */
    static String only(String page, long... ids) {
        String keep = Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
        String result = page;
        for (String id : result.split("data-post=\"EmbUSA/")) {
            String number = id.substring(0, Math.max(0, id.indexOf('"')));
            if (number.matches("\\d+") && !("," + keep + ",").contains("," + number + ",")) {
                result = without(result, Long.parseLong(number));
            }
        }
        return result;
    }

    /** The page with its posts dated yesterday, so that it falls in the recheck's week. */
    static String recent(String page) {
        String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()
                .replace("Z", "+00:00");
        return page.replaceAll("datetime=\"[^\"]+\"", "datetime=\"" + yesterday + "\"");
    }

    /** The HTML from the heading to the next heading. */
    private static String section(String page, String heading) {
        int start = page.indexOf(heading);
        assertThat(start).as("a '%s' section", heading).isPositive();
        int next = page.indexOf("<h2", start);
        return page.substring(start, next < 0 ? page.length() : next);
    }
}
