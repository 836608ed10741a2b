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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More new posts than one poll may fetch (here one page a poll): each poll closes part of the gap and keeps
 * where it stopped, so after enough polls every post is stored once, whatever the page limit.
 */
@QuarkusTest
@TestProfile(LongGapTest.OnePagePerPoll.class)
class LongGapTest {

    public static class OnePagePerPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.backfill.max-pages", "1");
        }
    }

    private static final String NEWEST = "/s/EmbUSA";

    @Inject
    DataSource dataSource;

    private TelegramStandIn telegram;

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram = PulseTestResources.telegram();
        telegram.reset();
    }

    @Test
    void aGapLongerThanOnePollIsClosedByTheNextPolls() {
        // the channel as first seen: the 18 posts 10133-10184, then the end of its history
        String page = TelegramStandIn.fixture("EmbUSA_before_10212.html");
        telegram.always(NEWEST, Answer.page(page));
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        awaitPosts(18, "backfill_done");

        // then 54 new posts: the newest page 13133-13184 and two pages below it, 12133-12184 and 11133-11184
        telegram.reset();
        telegram.always(NEWEST, Answer.page(shifted(page, "131")));
        telegram.always(NEWEST + "?before=13133", Answer.page(shifted(page, "121")));
        telegram.always(NEWEST + "?before=12133", Answer.page(shifted(page, "111")));
        telegram.always(NEWEST + "?before=11133", Answer.page(page));

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitPosts(54, "gap_before = 12133 AND gap_floor = 10184");
        assertThat(telegram.requestedPaths()).containsExactly(NEWEST, NEWEST + "?before=13133");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE id BETWEEN 11133 AND 11184")).isZero();

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitPosts(72, "gap_before = 11133 AND gap_floor = 10184");

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        awaitPosts(72, "gap_before IS NULL AND gap_floor IS NULL");
        assertThat(telegram.requestedPaths()).containsExactly(NEWEST, NEWEST + "?before=13133",
                NEWEST, NEWEST + "?before=12133", NEWEST, NEWEST + "?before=11133");
        assertThat(Db.count(dataSource, "SELECT count(DISTINCT id) FROM posts")).isEqualTo(72);
        assertThat(Db.count(dataSource, Rollups.ROLLUP_MISMATCHES)).isZero();
        assertThat(Db.count(dataSource, Rollups.DAILY_POST_MISMATCHES)).isZero();

        Admin.given().post("/api/channels/EmbUSA/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.requestedPaths().size() == 7);
        awaitPosts(72, "gap_before IS NULL");
        assertThat(telegram.requestedPaths()).as("no gap left: the newest page is enough").hasSize(7);
    }

    /** The page with its posts renumbered from 101xx to {@code prefix}xx, as if posted later. */
    private static String shifted(String page, String prefix) {
        return page.replace("EmbUSA/101", "EmbUSA/" + prefix).replace("before=10133", "before=" + prefix + "33")
                .replace("data-before=\"10133\"", "data-before=\"" + prefix + "33\"");
    }

    private void awaitPosts(long posts, String channelCondition) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM posts") == posts
                        && Db.count(dataSource, "SELECT count(*) FROM channels WHERE last_polled_at IS NOT NULL "
                        + "AND polled_by IS NULL AND " + channelCondition) == 1);
    }
}
