package io.channelpulse.analytics;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.Rollups;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A change of pulse.timezone, as a restart with another zone makes it: the rollups are counted again from the
 * posts in batches, in the background, resumably, and end equal to a recount in the new zone.
 */
@QuarkusTest
class RollupTimezoneTest {

    /** UTC+14: most posts move to the next day. */
    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

    @Inject
    DataSource dataSource;

    @Inject
    RollupTimezone timezone;

    @Inject
    MentionRecount recount;

    @Inject
    PostStore store;

    @Inject
    AnalyticsConfig analytics;

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        for (String handle : List.of("EmbUSA", "pulse_edge")) {
            Admin.given().body(Map.of("handle", handle)).post("/api/channels").then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                    "SELECT count(*) FROM channels WHERE handle = ? AND backfill_done AND last_polled_at IS NOT NULL", handle) == 1);
        }
    }

    @AfterEach
    void backToTheConfiguredZone() {
        timezone.begin(analytics.timezone());
        while (!timezone.step(MentionRecount.BATCH).finished()) {
            assertThat(timezone.state().rebuilding()).isTrue();
        }
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
    }

    @Test
    void aTimeZoneChangeRecountsTheRollupsFromThePostsInTheBackground() {
        // the SQL rebuild this replaced counted a blank forward handle as a source; Counting does not
        store(1, post(20000, "Forwarded from a channel without a handle #OSCE", "  "));
        long posts = Db.count(dataSource, "SELECT count(*) FROM posts");

        assertThat(timezone.begin(KIRITIMATI)).isTrue();
        assertThat(timezone.begin(KIRITIMATI)).as("already under way").isFalse();
        given().get("/").then().statusCode(200).body(containsString("id=\"counts-rebuilding\""))
                .body(containsString("rebuilt for the time zone Pacific/Kiritimati"));

        recount.rebuildZone();
        await().atMost(Duration.ofSeconds(30)).until(() -> !timezone.state().rebuilding()
                && recount.progress().state().equals("done"));
        given().get("/api/recount").then().statusCode(200).body("what", equalTo("time zone"))
                .body("done", equalTo((int) posts)).body("total", equalTo((int) posts));
        given().get("/").then().statusCode(200).body(not(containsString("counts-rebuilding")));

        assertRecountedIn(KIRITIMATI);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_counts WHERE metric = 'forward' AND key !~ '\\S'")).isZero();
        assertThat(Db.count(dataSource, "SELECT COALESCE(sum(posts), 0) FROM daily_posts WHERE day = '2023-04-27'"))
                .as("10154 at 18:20 UTC is on the 28th at UTC+14").isZero();
    }

    /**
     * The rebuild stops after a few batches, as a kill would leave it; posts arrive and change meanwhile, before and
     * after its cursor; a restart with the same zone goes on from the cursor and reads no post twice.
     */
    @Test
    void anInterruptedRebuildGoesOnWhereItStoppedAndCountsEveryPostOnce() {
        assertThat(timezone.begin(KIRITIMATI)).isTrue();
        long before = 0;
        while (before < 10) {
            assertThat(timezone.step(5).finished()).isFalse();
            before = Db.count(dataSource, "SELECT count(*) FROM posts p, rollup_zone z "
                    + "WHERE (p.channel_id, p.id) <= (z.cursor_channel, z.cursor_post)");
        }
        assertThat(timezone.state().cursorChannel()).isEqualTo(1);

        store(1, post(1, "Before the cursor, counted at once #Early", null));
        store(1, post(1, "Before the cursor, edited #Earlier", null));
        store(1, post(20001, "After the cursor, counted when the rebuild gets to it #Late @MFARussia", "MFARussia"));
        store(1, post(20001, "After the cursor, edited before the rebuild got to it #Later", null));
        store(2, post(900, "In a channel the rebuild has not reached #Late", null));
        long posts = Db.count(dataSource, "SELECT count(*) FROM posts");

        assertThat(timezone.begin(KIRITIMATI)).as("a restart with the same zone does not start over").isFalse();
        assertThat(timezone.state().rebuilding()).isTrue();
        long after = 0;
        RollupTimezone.Step step;
        do {
            step = timezone.step(5);
            after += step.posts();
        } while (!step.finished());
        assertThat(before + after).as("every post read once; the one before the cursor by ingestion").isEqualTo(posts - 1);

        assertRecountedIn(KIRITIMATI);
        assertThat(Db.count(dataSource, "SELECT COALESCE(sum(posts), 0) FROM daily_counts WHERE key IN ('early', 'late')"))
                .isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT COALESCE(sum(posts), 0) FROM daily_counts WHERE key IN ('earlier', 'later')"))
                .isEqualTo(2);
    }

    private void assertRecountedIn(ZoneId zone) {
        assertThat(Db.count(dataSource, Rollups.rollupMismatches(zone.getId()))).isZero();
        assertThat(Db.count(dataSource, Rollups.dailyPostMismatches(zone.getId()))).isZero();
        assertThat(Db.count(dataSource, Rollups.TOTAL_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_posts"))
                .isEqualTo(Db.count(dataSource, "SELECT count(*) FROM posts WHERE kind = 'post'"));
    }

    private void store(long channelId, ParsedPost post) {
        store.storePosts(channelId, List.of(post), Instant.now());
    }

    private static ParsedPost post(long id, String text, String forwardHandle) {
        return new ParsedPost("EmbUSA", id, Instant.parse("2023-05-01T12:00:00Z"), ParsedPost.Kind.POST, text, 10L, false,
                null, forwardHandle == null ? null : new ParsedPost.ForwardSource("A source", forwardHandle, null), null,
                List.of(), List.of(), List.of());
    }
}
