package io.channelpulse.store;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.RollupTimezone;
import io.channelpulse.generate.SyntheticPosts;
import io.channelpulse.ingest.ChannelRegistry;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.PreviewPage;
import io.channelpulse.ingest.telegram.PreviewPageParser;
import io.channelpulse.terms.TermCounting;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upsert that keeps ingestion idempotent, also when two polls store the same page at once; a batch of many posts
 * stores exactly what the same posts stored page by page store.
 */
@QuarkusTest
class PostStoreTest {

    @Inject
    TermCounting termCounting;

    @Inject
    PostStore store;

    @Inject
    ChannelHeaders headers;

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry registry;

    @Inject
    RollupTimezone timezone;

    @Inject
    AnalyticsConfig analytics;

    private long channelId;

    @BeforeEach
    void oneChannel() {
        Db.reset(dataSource);
        channelId = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
    }

    @Test
    void storingTheSamePageTwiceStoresItOnce() throws Exception {
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("EmbUSA_before_10212.html"));
        PostStore.StoredPage first = store.storePosts(channelId, page.posts(), Instant.now());
        PostStore.StoredPage second = store.storePosts(channelId, page.posts(), Instant.now());

        assertThat(first.added()).isEqualTo(18);
        assertThat(second.added()).isZero();
        assertThat(second.edited()).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(18);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_reactions")).isEqualTo(7);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views")).as("views did not change").isEqualTo(17);
        assertThat(Db.count(dataSource, "SELECT post_count FROM channels")).isEqualTo(17);
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(18);
    }

    @Test
    void racingPollsStoreNothingTwice() throws Exception {
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("EmbUSA.html"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<PostStore.StoredPage> poll = () -> store.storePosts(channelId, page.posts(), Instant.now());
            List<Future<PostStore.StoredPage>> results = pool.invokeAll(List.of(poll, poll, poll, poll));
            int added = 0;
            for (Future<PostStore.StoredPage> result : results) {
                added += result.get().added();
            }
            assertThat(added).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(5);
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(5);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_edits")).isZero();
    }

    @Test
    void anEditKeepsThePreviousTextAndAViewChangeIsSnapshotted() throws Exception {
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("pulse_edge.html"));
        store.storePosts(channelId, page.posts(), Instant.parse("2024-03-07T00:00:00Z"));
        var edited = page.posts().stream().map(p -> p.id() != 506 ? p : new io.channelpulse.ingest.telegram.ParsedPost(
                p.channel(), p.id(), p.publishedAt(), p.kind(), "Corrected text", 9L, true, p.signature(),
                p.forwardedFrom(), p.replyTo(), p.media(), p.links(), p.reactions())).toList();
        PostStore.StoredPage result = store.storePosts(channelId, edited, Instant.parse("2024-03-08T00:00:00Z"));

        assertThat(result.edited()).isEqualTo(1);
        assertThat(Db.text(dataSource, "SELECT text FROM posts WHERE id = 506")).isEqualTo("Corrected text");
        assertThat(Db.text(dataSource, "SELECT previous_text || ' @ ' || seen_at AT TIME ZONE 'UTC' FROM post_edits"))
                .isEqualTo("Text with <angle brackets> & ampersands, \"quotes\" and a line\nbreak. @ 2024-03-08 00:00:00");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views WHERE post_id = 506")).isEqualTo(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views WHERE post_id = 505")).isEqualTo(1);
    }

    /** The CI failure of 2026-12-02: the admin removed a channel while its first poll was storing its newest page. */
    @Test
    void aChannelRemovedWhileAPollStoresItsPageGoesWithoutADeadlock() throws Exception {
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("EmbUSA.html"));
        assertThat(page.channel()).as("the page has a header to record").isNotNull();
        Instant seenAt = Instant.now();
        CountDownLatch headerRecorded = new CountDownLatch(1);
        CountDownLatch removalWaits = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The poll's order: the header, then the posts, in one transaction; the removal comes between them.
            Future<PostStore.StoredPage> poll = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                headers.record(channelId, page.channel(), seenAt);
                headerRecorded.countDown();
                assertThat(removalWaits.await(30, TimeUnit.SECONDS)).isTrue();
                return store.storePosts(channelId, page.posts(), seenAt);
            }));
            assertThat(headerRecorded.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> removal = pool.submit(() -> registry.untrack(new ChannelHandle("EmbUSA"), true));
            // Watched from this thread, outside any transaction: within one, pg_stat_activity is read once and kept.
            awaitAWaitingTransaction();
            removalWaits.countDown();

            assertThat(poll.get(60, TimeUnit.SECONDS).added()).isEqualTo(5);
            assertThat(removal.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_totals")).as("the channel's share went too").isZero();
    }

    /**
     * The storing path writes each table in one statement for a whole batch; the rows it leaves must be those of the
     * same posts stored a page at a time (and a recount from the posts), edits and views included.
     */
    @Test
    void aBatchStoresWhatTheSamePostsStoredPageByPageStoreAndARecountAgrees() {
        List<ParsedPost> posts = recentSyntheticPosts(600);
        List<ParsedPost> edits = new ArrayList<>();
        for (int i = 0; i < posts.size(); i += 7) {
            ParsedPost p = posts.get(i);
            edits.add(new ParsedPost(p.channel(), p.id(), p.publishedAt(), p.kind(), p.text() + " #Update Grossi",
                    p.views() == null ? 5L : p.views() + 5, p.edited(), p.signature(), p.forwardedFrom(), p.replyTo(),
                    p.media(), p.links(), p.reactions()));
        }
        Instant firstRead = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant secondRead = Instant.now();
        for (int from = 0; from < posts.size(); from += 20) {
            store.storePosts(channelId, posts.subList(from, Math.min(posts.size(), from + 20)), firstRead);
        }
        for (int from = 0; from < edits.size(); from += 20) {
            store.storePosts(channelId, edits.subList(from, Math.min(edits.size(), from + 20)), secondRead);
        }
        Map<String, String> pageByPage = storedRows();
        assertThat(pageByPage.get("daily_terms")).as("terms were counted").contains("\"kind\": \"name\"");
        assertThat(pageByPage.get("post_edits")).as("edits were kept").isNotEqualTo("[]");
        assertThat(pageByPage.get("posts")).contains("#Update Grossi");

        Db.reset(dataSource);
        channelId = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
        PostStore.StoredPage batch = store.storePosts(channelId, posts, firstRead);
        PostStore.StoredPage edited = store.storePosts(channelId, edits, secondRead);

        assertThat(batch.added()).isEqualTo(posts.size());
        assertThat(edited.edited()).isEqualTo(edits.size());
        assertThat(storedRows()).isEqualTo(pageByPage);

        try {
            assertThat(timezone.begin(ZoneId.of("Pacific/Kiritimati"))).isTrue();
            rebuild();
        } finally {
            timezone.begin(analytics.timezone());
            rebuild();
        }
        assertThat(storedRows()).as("counted again from the posts").isEqualTo(pageByPage);
    }

    @Test
    void aPostTwiceInOneBatchIsStoredAndCountedOnceAsItsLastVersion() throws Exception {
        PreviewPage page = PreviewPageParser.parse(TelegramStandIn.fixture("EmbUSA.html"));
        ParsedPost p = page.posts().get(0);
        ParsedPost later = new ParsedPost(p.channel(), p.id(), p.publishedAt(), p.kind(), "Later text #Again", p.views(),
                p.edited(), p.signature(), p.forwardedFrom(), p.replyTo(), p.media(), p.links(), p.reactions());
        List<ParsedPost> twice = new ArrayList<>(page.posts());
        twice.add(later);

        PostStore.StoredPage stored = store.storePosts(channelId, twice, Instant.now());

        assertThat(stored.added()).isEqualTo(page.posts().size());
        assertThat(Db.text(dataSource, "SELECT text FROM posts WHERE id = " + p.id())).isEqualTo("Later text #Again");
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(page.posts().size());
        assertThat(Db.count(dataSource, "SELECT sum(posts) FROM daily_counts WHERE metric = 'topic' AND key = 'again'"))
                .isEqualTo(1);
    }

    /** Synthetic posts of one channel (tags, names, forwards, media, reactions), moved into the last days. */
    private static List<ParsedPost> recentSyntheticPosts(int count) {
        SyntheticPosts synthetic = new SyntheticPosts(7, 3, 1, 3_000, Instant.now());
        Iterator<ParsedPost> stream = synthetic.posts(0, 0);
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS);
        List<ParsedPost> posts = new ArrayList<>();
        while (posts.size() < count && stream.hasNext()) {
            ParsedPost p = stream.next();
            posts.add(new ParsedPost("EmbUSA", p.id(), start.plusSeconds(posts.size() * 300L), p.kind(), p.text(),
                    p.views(), p.edited(), p.signature(), p.forwardedFrom(), p.replyTo(), p.media(), p.links(),
                    p.reactions()));
        }
        assertThat(posts).hasSize(count);
        return posts;
    }

    private void rebuild() {
        boolean finished;
        do {
            finished = timezone.step(100).finished();
        } while (!finished);
    }

    /** Every row the storing path writes, by table, without the channel's id (a new one in each run), as readers see them. */
    private Map<String, String> storedRows() {
        termCounting.sumTotals();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : List.of("posts", "post_media", "post_reactions", "post_views", "post_edits", "daily_posts",
                "daily_counts", "daily_totals", "monthly_totals", "daily_citations", "daily_forward_lags", "daily_terms",
                "daily_term_totals", "term_forms", "topic_spellings", "forward_sources")) {
            rows.put(table, Db.text(dataSource, "SELECT coalesce(jsonb_agg(r ORDER BY r::text), '[]')::text FROM"
                    + " (SELECT to_jsonb(t) - 'channel_id' - 'search_vector' AS r FROM " + table + " t) rows"));
        }
        rows.put("channels", Db.text(dataSource, "SELECT post_count || ' ' || message_count FROM channels"));
        return rows;
    }

    private void awaitAWaitingTransaction() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (Db.count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the removal never waited for the poll");
    }
}
