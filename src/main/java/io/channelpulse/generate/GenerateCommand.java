package io.channelpulse.generate;

import io.channelpulse.terms.TermCounting;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code generate --posts N --channels C --years Y [--seed S]}: fills the configured database with synthetic
 * posts (see {@link SyntheticPosts}) through {@link SyntheticFill}, printing progress every two seconds.
 */
@ApplicationScoped
@Unremovable // looked up programmatically by the launcher (CDI.current()), so the build must keep it
public class GenerateCommand {

    public static final String NAME = "generate";

    @Inject
    SyntheticFill fill;

    @Inject
    TermCounting termCounting;

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
            err.println("generate: " + (e instanceof SyntheticFill.FillFailed ? "" : "failed: ") + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }

    private int generate(GenerateOptions options) throws InterruptedException {
        long seed = options.seed() != null ? options.seed() : new java.security.SecureRandom().nextLong();
        SyntheticPosts synthetic = new SyntheticPosts(seed, options.channels(), options.years(), options.posts(),
                Instant.now());
        out.printf(Locale.ROOT, "generate: %,d posts in %d channels over %d year%s (%s .. %s), seed %d%n",
                options.posts(), options.channels(), options.years(), options.years() == 1 ? "" : "s",
                synthetic.from(), synthetic.now(), seed);
        out.println("story days (a new name, a new tag and Maria Zakharova spike): " + synthetic.storyDays());

        if (options.withoutTerms()) {
            termCounting.leaveOut();
            out.println("without terms: the posts' terms are not counted");
        }
        AtomicLong stored = new AtomicLong();
        long started = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(
                SyntheticFill.daemon("generate-progress"));
        progress.scheduleAtFixedRate(() -> out.println(progressLine(stored.get(), options.posts(), started)),
                2, 2, TimeUnit.SECONDS);
        SyntheticFill.Filled filled;
        try {
            filled = fill.fill(synthetic, options.threads(), stored);
        } finally {
            termCounting.countAgain();
            progress.shutdownNow();
            progress.awaitTermination(5, TimeUnit.SECONDS);
        }
        out.printf(Locale.ROOT, "done: generated %,d posts in %d channels in %s (%,d posts/s)%s%n",
                filled.posts(), filled.channels(), duration(filled.nanos()), rate(filled.posts(), filled.nanos()),
                filled.retried() == 0 ? "" : String.format(Locale.ROOT, "; %,d pages retried after a deadlock",
                        filled.retried()));
        return 0;
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
}
