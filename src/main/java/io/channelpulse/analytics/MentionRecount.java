package io.channelpulse.analytics;

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
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings every stored post's mentions in line with the current watchlist, in the background, a batch at a
 * time under the same per-channel lock as ingestion, moving the rollups by the difference. A watchlist
 * change during a recount starts it over, so the last change always wins.
 */
@ApplicationScoped
public class MentionRecount {

    static final int BATCH = 2000;

    /** How far the recount is, for the API. */
    public record Progress(String state, long done, long total, Instant startedAt, Instant finishedAt) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Watchlist watchlist;

    @Inject
    AnalyticsConfig analytics;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mention-recount");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean restart = new AtomicBoolean();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String state = "idle";
    private volatile Instant startedAt;
    private volatile Instant finishedAt;

    public Progress progress() {
        return new Progress(state, done.get(), total.get(), startedAt, finishedAt);
    }

    /** Starts a recount, or restarts the one running, after the watchlist changed. */
    public void start() {
        watchlist.reload();
        restart.set(true);
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
            while (restart.getAndSet(false)) {
                recountAll();
            }
            state = "done";
        } catch (RuntimeException e) {
            state = "failed: " + e.getMessage();
            Log.error("Recounting mentions failed", e);
        } finally {
            finishedAt = Instant.now();
            queued.set(false);
            if (restart.get() && queued.compareAndSet(false, true)) {
                worker.submit(this::runUntilCurrent);
            }
        }
    }

    private void recountAll() {
        state = "running";
        startedAt = Instant.now();
        finishedAt = null;
        done.set(0);
        total.set(countPosts());
        ZoneId zone = analytics.timezone();
        for (long channelId : channelIds()) {
            long after = 0;
            while (!restart.get()) {
                long from = after;
                Long last = QuarkusTransaction.requiringNew().call(() -> recountBatch(channelId, from, zone));
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
    private Long recountBatch(long channelId, long afterId, ZoneId zone) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, channelId);
                lock.execute();
            }
            // the newest watchlist, also if another instance changed it during this recount
            NameMatcher names = watchlist.current(connection);
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
                            changes.move(last, rs.getTimestamp(5).toInstant().atZone(zone).toLocalDate(), before, after);
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
        Sql.query(dataSource, "SELECT count(*) FROM posts", List.of(), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private List<Long> channelIds() {
        List<Long> ids = new ArrayList<>();
        Sql.query(dataSource, "SELECT id FROM channels ORDER BY id", List.of(), rs -> ids.add(rs.getLong(1)));
        return ids;
    }
}
