package io.channelpulse.generate;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The small demo set the button on /admin makes: {@value #POSTS} synthetic posts in {@value #CHANNELS} paused
 * channels over {@value #YEARS} year, stored in the background through {@link SyntheticFill} like the
 * {@code generate} command. One run at a time in this instance.
 */
@ApplicationScoped
public class DemoData {

    public static final int CHANNELS = 5;
    public static final int YEARS = 1;
    public static final long POSTS = 5_000;
    private static final int THREADS = 2;

    /** Where the latest run is: {@code idle} (none yet), {@code running}, {@code done} or {@code failed}. */
    public record Progress(String state, long done, long total, int channels, String error, Instant finishedAt) {

        public boolean running() {
            return "running".equals(state);
        }
    }

    private record Run(AtomicLong stored, Progress finished) {
    }

    @Inject
    SyntheticFill fill;

    private final AtomicReference<Run> current = new AtomicReference<>();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(SyntheticFill.daemon("demo-data"));

    /** Starts a run; false (and nothing starts) while one is running. */
    public boolean start() {
        Run run = new Run(new AtomicLong(), null);
        Run before = current.get();
        if (before != null && before.finished() == null || !current.compareAndSet(before, run)) {
            return false;
        }
        SyntheticPosts synthetic = new SyntheticPosts(new SecureRandom().nextLong(), CHANNELS, YEARS, POSTS,
                Instant.now());
        worker.execute(() -> {
            Progress end;
            try {
                SyntheticFill.Filled filled = fill.fill(synthetic, THREADS, run.stored());
                Log.infof("Demo data: stored %d synthetic posts in %d channels", filled.posts(), filled.channels());
                end = new Progress("done", filled.posts(), POSTS, CHANNELS, null, Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end = new Progress("failed", run.stored().get(), POSTS, CHANNELS, "interrupted", Instant.now());
            } catch (RuntimeException e) {
                Log.warn("Demo data failed", e);
                end = new Progress("failed", run.stored().get(), POSTS, CHANNELS, e.getMessage(), Instant.now());
            }
            current.set(new Run(run.stored(), end));
        });
        return true;
    }

    public Progress progress() {
        Run run = current.get();
        if (run == null) {
            return new Progress("idle", 0, POSTS, CHANNELS, null, null);
        }
        return run.finished() != null ? run.finished()
                : new Progress("running", run.stored().get(), POSTS, CHANNELS, null, null);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
