package io.channelpulse.store;

import io.channelpulse.ingest.ChannelRegistry;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.PreviewPage;
import io.channelpulse.ingest.telegram.PreviewPageParser;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The upsert that keeps ingestion idempotent, also when two polls store the same page at once. */
@QuarkusTest
class PostStoreTest {

    @Inject
    PostStore store;

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry registry;

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
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The poll's order: the header, then the posts, in one transaction; the removal comes between them.
            Future<PostStore.StoredPage> poll = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                store.recordHeader(channelId, page.channel(), seenAt);
                headerRecorded.countDown();
                awaitAWaitingTransaction();
                return store.storePosts(channelId, page.posts(), seenAt);
            }));
            assertThat(headerRecorded.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> removal = pool.submit(() -> registry.untrack(new ChannelHandle("EmbUSA"), true));

            assertThat(poll.get(60, TimeUnit.SECONDS).added()).isEqualTo(5);
            assertThat(removal.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_totals")).as("the channel's share went too").isZero();
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
