package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelStatus;
import io.channelpulse.store.PostStore;
import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code generate --posts N --channels C --years Y [--seed S]}: fills the configured database with synthetic
 * posts (see {@link SyntheticPosts}) through {@link PostStore}, the same storage and counting path as real
 * ingestion, a page of {@value #PAGE} posts per call, each call its own transaction. Channels are stored one
 * after another by a small pool (the biggest first); each channel's pages go in time order.
 */
@ApplicationScoped
@Unremovable // looked up programmatically by the launcher (CDI.current()), so the build must keep it
public class GenerateCommand {

    public static final String NAME = "generate";

    /** Posts per {@link PostStore#storePosts} call: about ten preview pages. */
    static final int PAGE = 200;
    private static final int ATTEMPTS = 5;

    @Inject
    PostStore store;

    private final AtomicLong retried = new AtomicLong();

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Where progress and errors go (tests capture them). */
    void printTo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: 0 done, 1 failed, 2 bad arguments */
    public int run(String... args) {
        if (GenerateOptions.wantsHelp(args)) {
            out.println(GenerateOptions.USAGE);
            return 0;
        }
        GenerateOptions options;
        try {
            options = GenerateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.println(GenerateOptions.USAGE);
            return 2;
        }
        try {
            return generate(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("generate: interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println("generate: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private int generate(GenerateOptions options) throws InterruptedException {
        retried.set(0);
        long seed = options.seed() != null ? options.seed() : new java.security.SecureRandom().nextLong();
        Instant now = Instant.now();
        SyntheticPosts synthetic = new SyntheticPosts(seed, options.channels(), options.years(), options.posts(), now);
        out.printf(Locale.ROOT, "generate: %,d posts in %d channels over %d year%s (%s .. %s), seed %d%n",
                options.posts(), options.channels(), options.years(), options.years() == 1 ? "" : "s",
                synthetic.from(), synthetic.now(), seed);

        List<Work> work = new ArrayList<>();
        for (SyntheticPosts.ChannelPlan plan : synthetic.channels()) {
            long channelId = ensureChannel(plan);
            store.recordHeader(channelId, plan.header(), now);
            long afterId = store.newestPostId(channelId);
            work.add(new Work(plan, channelId, afterId));
        }
        work.sort(Comparator.comparingLong((Work w) -> w.plan().posts()).reversed());

        AtomicLong stored = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        long started = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("generate-progress"));
        progress.scheduleAtFixedRate(() -> out.println(progressLine(stored.get(), options.posts(), started)),
                2, 2, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), work.size()),
                daemon("generate-store"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Work w : work) {
                futures.add(pool.submit(() -> {
                    if (!failed.get()) {
                        storeChannel(synthetic, w, now, stored);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failed.set(true);
                    pool.shutdownNow();
                    Throwable cause = e.getCause();
                    err.println("generate: failed after " + String.format(Locale.ROOT, "%,d", stored.get())
                            + " posts: " + cause);
                    cause.printStackTrace(err);
                    return 1;
                }
            }
        } finally {
            pool.shutdownNow();
            progress.shutdownNow();
            progress.awaitTermination(5, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - started;
        out.printf(Locale.ROOT, "done: generated %,d posts in %d channels in %s (%,d posts/s)%s%n",
                stored.get(), work.size(), duration(elapsed), rate(stored.get(), elapsed),
                retried.get() == 0 ? "" : String.format(Locale.ROOT, "; %,d pages retried after a deadlock",
                        retried.get()));
        return 0;
    }

    private record Work(SyntheticPosts.ChannelPlan plan, long channelId, long afterId) {
    }

    private void storeChannel(SyntheticPosts synthetic, Work work, Instant now, AtomicLong stored) {
        Iterator<ParsedPost> posts = synthetic.posts(work.plan().index(), work.afterId());
        while (posts.hasNext() && !Thread.currentThread().isInterrupted()) {
            List<ParsedPost> page = SyntheticPosts.page(posts, PAGE);
            // Seen soon after the newest post of the page, as a poll would have: a backfill in fast motion.
            Instant newest = page.get(page.size() - 1).publishedAt();
            Instant seenAt = newest.plusSeconds(600).isAfter(now) ? now : newest.plusSeconds(600);
            storePage(work.channelId(), page, seenAt);
            stored.addAndGet(page.size());
        }
    }

    /** Stores a page; a deadlock or serialization failure (possible with two writers) is retried, as storing is idempotent. */
    private void storePage(long channelId, List<ParsedPost> page, Instant seenAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.storePosts(channelId, page, seenAt);
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

    static String progressLine(long done, long total, long startedNanos) {
        return String.format(Locale.ROOT, "generated %,d / %,d posts (%,d posts/s)", done, total,
                rate(done, System.nanoTime() - startedNanos));
    }

    private static long rate(long posts, long nanos) {
        return nanos <= 0 ? 0 : Math.round(posts / (nanos / 1e9));
    }

    private static String duration(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
