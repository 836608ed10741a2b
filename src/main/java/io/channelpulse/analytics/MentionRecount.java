package io.channelpulse.analytics;

import io.channelpulse.store.CountingState;
import io.channelpulse.store.MentionChanges;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recount of history, in the background on one thread: after a watchlist change it brings every stored
 * post's mentions in line with the current watchlist, a batch at a time under the same per-channel lock as
 * ingestion, moving the rollups by the difference; after a change of the time zone it runs the batches of the
 * rollup rebuild ({@link RollupTimezone}) until it is done. A watchlist change during a recount starts it over,
 * so the last change always wins.
 */
@ApplicationScoped
public class MentionRecount {

    static final int BATCH = 2000;

    private static final Duration REBUILD_PAUSE = Duration.ofSeconds(5);

    /** What {@link Progress#what} says while the rollups are rebuilt for a new time zone. */
    public static final String TIME_ZONE = "time zone";

    /**
     * How far the recount is, for the API and the pages: {@code what} is "mentions" (a watchlist change) or
     * "time zone" (the rollup rebuild); {@code done} of {@code total} posts.
     */
    public record Progress(String state, long done, long total, Instant startedAt, Instant finishedAt, String what) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    io.channelpulse.store.Sql db;

    @Inject
    Watchlist watchlist;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    RollupTimezone timezone;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mention-recount");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean restart = new AtomicBoolean();
    private final AtomicBoolean zoneChanged = new AtomicBoolean();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String state = "idle";
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String what = "mentions";

    public Progress progress() {
        return new Progress(state, done.get(), total.get(), startedAt, finishedAt, what);
    }

    /** Starts a recount, or restarts the one running, after the watchlist changed. */
    public void start() {
        watchlist.reload();
        restart.set(true);
        queue();
    }

    /** Runs the rollup rebuild for a new time zone to its end (also one a restart interrupted). */
    public void rebuildZone() {
        zoneChanged.set(true);
        queue();
    }

    private void queue() {
        if (queued.compareAndSet(false, true)) {
            state = "queued";
            worker.submit(this::runUntilCurrent);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    private void runUntilCurrent() {
        try {
            while (true) {
                // the rebuild counts mentions with the newest watchlist as it goes; a change before it has
                // passed every post is then recounted after it
                if (zoneChanged.getAndSet(false)) {
                    rebuildAll();
                } else if (restart.getAndSet(false)) {
                    recountAll();
                } else {
                    break;
                }
            }
            state = "done";
        } catch (RuntimeException e) {
            state = "failed: " + e.getMessage();
            Log.error("The recount failed", e);
        } finally {
            finishedAt = Instant.now();
            queued.set(false);
            if ((restart.get() || zoneChanged.get()) && queued.compareAndSet(false, true)) {
                worker.submit(this::runUntilCurrent);
            }
        }
    }

    private void rebuildAll() {
        what = TIME_ZONE;
        state = "running";
        startedAt = Instant.now();
        finishedAt = null;
        total.set(countPosts());
        done.set(timezone.countedPosts());
        while (!Thread.currentThread().isInterrupted()) {
            RollupTimezone.Step step;
            try {
                step = timezone.step(BATCH);
            } catch (RuntimeException e) {
                // the batch rolled back and the cursor stayed: a database outage only pauses the rebuild
                Log.warnf("A batch of the rollup rebuild failed, trying again in %s: %s", REBUILD_PAUSE, e.getMessage());
                try {
                    Thread.sleep(REBUILD_PAUSE.toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                }
                continue;
            }
            done.addAndGet(step.posts());
            if (step.finished()) {
                Log.infof("Rebuilt the rollups from %d posts", done.get());
                return;
            }
        }
    }

    private void recountAll() {
        what = "mentions";
        state = "running";
        startedAt = Instant.now();
        finishedAt = null;
        done.set(0);
        total.set(countPosts());
        for (long channelId : channelIds()) {
            long after = 0;
            while (!restart.get()) {
                long from = after;
                Long last = QuarkusTransaction.requiringNew().call(() -> recountBatch(channelId, from));
                if (last == null) {
                    break;
                }
                after = last;
            }
            if (restart.get()) {
                return;
            }
        }
        Log.infof("Recounted mentions of %d posts", done.get());
    }

    /** Recounts up to {@link #BATCH} posts of the channel after {@code afterId}; the last id, or null when none. */
    private Long recountBatch(long channelId, long afterId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, channelId);
                lock.execute();
            }
            // the newest watchlist, also if another instance changed it during this recount
            NameMatcher names = watchlist.current(connection);
            CountingState counting = CountingState.read(connection, analytics.timezone());
            Long last = null;
            MentionChanges changes = new MentionChanges(channelId);
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, text, links, kind, published_at, mentions FROM posts
                    WHERE channel_id = ? AND id > ? ORDER BY id LIMIT ?""")) {
                query.setLong(1, channelId);
                query.setLong(2, afterId);
                query.setInt(3, BATCH);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        done.incrementAndGet();
                        if (!rs.getString(4).equals("post")) {
                            continue;
                        }
                        List<String> before = Arrays.asList((String[]) rs.getArray(6).getArray());
                        List<String> after = Counting.mentions(rs.getString(2),
                                Arrays.asList((String[]) rs.getArray(3).getArray()), names);
                        if (!before.equals(after)) {
                            changes.move(last, rs.getTimestamp(5).toInstant().atZone(counting.zone()).toLocalDate(), before,
                                    after, counting.counted(channelId, last));
                        }
                    }
                }
            }
            changes.write(connection);
            return last;
        } catch (SQLException e) {
            throw new StoreException("Could not recount mentions of channel " + channelId, e);
        }
    }

    private long countPosts() {
        long[] count = new long[1];
        db.forEach("SELECT count(*) FROM posts", List.of(), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private List<Long> channelIds() {
        List<Long> ids = new ArrayList<>();
        db.forEach("SELECT id FROM channels ORDER BY id", List.of(), rs -> ids.add(rs.getLong(1)));
        return ids;
    }
}
