package io.channelpulse.generate;

import java.util.Locale;

/**
 * The arguments of {@code generate}.
 *
 * @param seed null when none was given: a random one is used (and printed, to repeat the run)
 */
public record GenerateOptions(long posts, int channels, int years, Long seed, int threads, boolean withoutTerms) {

    public static final long DEFAULT_POSTS = 100_000;
    public static final int DEFAULT_CHANNELS = 20;
    public static final int DEFAULT_YEARS = 1;
    public static final int DEFAULT_THREADS = 2;

    public static final String USAGE = """
            Usage: java -jar target/quarkus-app/quarkus-run.jar generate [--posts N] [--channels C] [--years Y] [--seed S] [--threads T] [--without-terms]
              Fills the configured database with synthetic posts through the same storage and counting path as
              real ingestion, in paused channels synthetic_01, synthetic_02, ... (created if missing; a rerun adds
              posts after the ones already there).
                --posts N     messages in all, service messages included (default 100000, at most 100000000)
                --channels C  channels to spread them over (default 20, at most 999)
                --years Y     the posts span the last Y years up to now (default 1, at most 30)
                --seed S      any integer; the same seed gives the same posts (default: random, printed)
                --threads T   channels stored at once (default 2, at most 8)
                --without-terms  stores the posts without counting their terms, only to measure what counting
                              terms costs (src/bench/terms): /terms and the spikes of names know nothing of these
                              posts until the rollups are rebuilt
              Events, for spikes and emerging names to find: on 1 + 2*Y story days (one of them within the last
              five days) 60% of every channel's posts name someone never seen before (Rafael Grossi, Volker Türk,
              Helga Schmid, in English and Russian word forms) and the watched name Maria Zakharova, and carry a
              new tag (#AtomWatch/#АтомНадзор, #RightsReview/#ПравоваяПроверка, #ViennaRound/#ВенскийРаунд).
              The days are printed at the start.
              Example: generate --posts 1000000 --channels 50 --years 3 --seed 42""";

    /** Reads the arguments; {@code args[0]} may be the command name. */
    public static GenerateOptions parse(String... args) {
        long posts = DEFAULT_POSTS;
        int channels = DEFAULT_CHANNELS;
        int years = DEFAULT_YEARS;
        Long seed = null;
        int threads = DEFAULT_THREADS;
        boolean withoutTerms = false;
        int i = args.length > 0 && GenerateCommand.NAME.equals(args[0]) ? 1 : 0;
        while (i < args.length) {
            String arg = args[i++];
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i < args.length) {
                value = args[i];
                if (isOption(name)) {
                    i++;
                }
            } else {
                value = null;
            }
            switch (name) {
                case "--posts" -> posts = number(name, value, 1, 100_000_000);
                case "--channels" -> channels = (int) number(name, value, 1, 999);
                case "--years" -> years = (int) number(name, value, 1, 30);
                case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--threads" -> threads = (int) number(name, value, 1, 8);
                case "--without-terms" -> {
                    if (!arg.equals(name)) {
                        throw new IllegalArgumentException("--without-terms takes no value");
                    }
                    withoutTerms = true;
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new GenerateOptions(posts, channels, years, seed, threads, withoutTerms);
    }

    public static boolean wantsHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOption(String name) {
        return switch (name) {
            case "--posts", "--channels", "--years", "--seed", "--threads" -> true;
            default -> false;
        };
    }

    private static long number(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        long n;
        try {
            n = Long.parseLong(value.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(min == 1
                    ? String.format(Locale.ROOT, "%s must be between 1 and %,d, not %s", name, max, value)
                    : name + " is out of range: " + value);
        }
        return n;
    }
}
