package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelStatus;
import io.channelpulse.ingest.PostCounting;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.ChannelHeaders;
import io.channelpulse.store.PostStore;
import io.channelpulse.terms.TermCounting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores {@link SyntheticPosts} through {@link PostStore}, the same storage and counting path as real
 * ingestion, a batch of {@value #BATCH} posts per call, each call its own transaction. Channels are stored one
 * after another by a small pool (the biggest first); each channel's pages go in time order. Both the
 * {@code generate} command and the demo button on /admin fill the database through here.
 */
@ApplicationScoped
public class SyntheticFill {

    /**
     * Posts per {@link PostStore#storePosts} call, which writes each table in one statement for them all: a
     * thousand posts share most of their days, terms and statements, so a batch costs far less per post than a page.
     */
    static final int BATCH = 1_000;
    private static final int ATTEMPTS = 5;

    /** What a fill stored. */
    public record Filled(long posts, int channels, long nanos, long retried) {
    }

    /** A fill that stopped on an error; the posts stored before it stay (storing again is idempotent). */
    public static final class FillFailed extends RuntimeException {
        FillFailed(long stored, Throwable cause) {
            super(String.format(Locale.ROOT, "failed after %,d posts: %s", stored, cause), cause);
        }
    }

    @Inject
    TermCounting termCounting;

    @Inject
    PostStore store;

    @Inject
    ChannelHeaders headers;

    @Inject
    PostCounting counting;

    /**
     * Stores every channel and post of {@code synthetic}, {@code threads} channels at once, counting the posts
     * stored so far in {@code stored} (which the caller reads for progress).
     *
     * @throws FillFailed when storing fails (after retrying deadlocks)
     */
    public Filled fill(SyntheticPosts synthetic, int threads, AtomicLong stored) throws InterruptedException {
        Instant now = synthetic.now();
        AtomicLong retried = new AtomicLong();
        List<Work> work = new ArrayList<>();
        for (SyntheticPosts.ChannelPlan plan : synthetic.channels()) {
            long channelId = ensureChannel(plan);
            headers.record(channelId, plan.header(), now);
            long afterId = store.newestPostId(channelId);
            work.add(new Work(plan, channelId, afterId));
        }
        work.sort(Comparator.comparingLong((Work w) -> w.plan().posts()).reversed());

        AtomicBoolean failed = new AtomicBoolean();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, work.size()), daemon("generate-store"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Work w : work) {
                futures.add(pool.submit(() -> {
                    if (!failed.get()) {
                        storeChannel(synthetic, w, now, stored, retried);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failed.set(true);
                    throw new FillFailed(stored.get(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // the totals over channels, as the first reader would otherwise sum them: part of what storing costs
        termCounting.sumTotals();
        return new Filled(stored.get(), work.size(), System.nanoTime() - started, retried.get());
    }

    private record Work(SyntheticPosts.ChannelPlan plan, long channelId, long afterId) {
    }

    private void storeChannel(SyntheticPosts synthetic, Work work, Instant now, AtomicLong stored, AtomicLong retried) {
        Iterator<ParsedPost> posts = synthetic.posts(work.plan().index(), work.afterId());
        while (posts.hasNext() && !Thread.currentThread().isInterrupted()) {
            List<ParsedPost> page = SyntheticPosts.page(posts, BATCH);
            // Seen soon after the newest post of the page, as a poll would have: a backfill in fast motion.
            Instant newest = page.get(page.size() - 1).publishedAt();
            Instant seenAt = newest.plusSeconds(600).isAfter(now) ? now : newest.plusSeconds(600);
            storePage(work.channelId(), page, seenAt, retried);
            stored.addAndGet(page.size());
        }
    }

    /** Stores a page; a deadlock or serialization failure (possible with two writers) is retried, as storing is idempotent. */
    private void storePage(long channelId, List<ParsedPost> page, Instant seenAt, AtomicLong retried) {
        CountedPosts counted = counting.count(page);
        for (int attempt = 1; ; attempt++) {
            try {
                store.storePosts(channelId, counted, seenAt);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                retried.incrementAndGet();
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    /** The channel's id, creating it paused (so no poller ever asks Telegram for it) or pausing it if it exists. */
    private static long ensureChannel(SyntheticPosts.ChannelPlan plan) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = Channel.findByHandle(plan.handle()).orElse(null);
            if (channel == null) {
                channel = new Channel();
                channel.handle = plan.handle();
                channel.title = plan.title();
                channel.description = plan.description();
                channel.status = ChannelStatus.PAUSED;
                channel.persistAndFlush();
            } else if (channel.status != ChannelStatus.PAUSED) {
                channel.status = ChannelStatus.PAUSED;
            }
            return channel.id;
        });
    }

    static ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
