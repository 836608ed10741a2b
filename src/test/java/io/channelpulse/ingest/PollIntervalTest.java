package io.channelpulse.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduling rule on a table of posting histories, with pulse.poll.min = 5 min and pulse.poll.max = 3 h. */
class PollIntervalTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofHours(3);

    /**
     * history: posts as "count x every" with the newest this long ago, e.g. {@code 10x30m@0m}: ten posts 30 minutes
     * apart, the newest just now; {@code -} for a channel with no posts.
     */
    @ParameterizedTest(name = "{0}, found new {1}, new channel {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # a busy channel (a post every 2 minutes) is held at the minimum
            10x2m@0m    | false | false | PT5M
            # a post every 30 minutes: checked twice per pause, a poll that found posts halves it
            10x30m@0m   | false | false | PT13M30S
            10x30m@0m   | true  | false | PT6M45S
            # a post every 2 hours
            10x2h@0m    | false | false | PT54M
            10x2h@0m    | true  | false | PT27M
            # a channel posting every 10 minutes that has been silent for 10 hours slows down by itself
            10x10m@10h  | false | false | PT34M30S
            # a few posts a month: the maximum
            10x3d@1d    | false | false | PT3H
            # a quiet channel that has just posted is checked sooner too
            10x3d@0m    | true  | false | PT1H30M
            # and a busy one stays at the minimum
            10x2m@0m    | true  | false | PT5M
            # too little history to read a rate from
            1x1h@0m     | false | false | PT3H
            # but a post found by this poll still halves it: a channel that just posted is checked sooner
            1x1h@0m     | true  | false | PT1H30M
            # a channel whose history is fetched and that just posted for the second time
            2x5m@0m     | true  | false | PT5M
            -           | false | false | PT3H
            # a new channel (history still being fetched, or nothing stored yet) is checked again soon
            -           | false | true  | PT5M
            10x3d@1d    | false | true  | PT5M
            # posts dated ahead of our clock count as just now
            10x1m@-2h   | false | false | PT5M
            """)
    void intervalFollowsThePostingRate(String history, boolean foundNew, boolean isNew, Duration expected) {
        assertThat(PollInterval.next(posts(history), NOW, foundNew, isNew, MIN, MAX)).isEqualTo(expected);
    }

    /** pulse.poll.every pins both bounds, which gives every channel that one interval, as before adaptive polling. */
    @ParameterizedTest(name = "{0}, found new {1}, new channel {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10x2m@0m    | false | false
            10x30m@0m   | true  | false
            10x3d@1d    | false | false
            -           | false | true
            -           | false | false
            """)
    void aFixedIntervalIsTheSameForEveryChannel(String history, boolean foundNew, boolean isNew) {
        Duration every = Duration.ofMinutes(10);
        assertThat(PollInterval.next(posts(history), NOW, foundNew, isNew, every, every)).isEqualTo(every);
    }

    private static List<Instant> posts(String history) {
        List<Instant> posts = new ArrayList<>();
        if (history.equals("-")) {
            return posts;
        }
        String[] countAndRest = history.split("x", 2);
        String[] everyAndAgo = countAndRest[1].split("@", 2);
        int count = Integer.parseInt(countAndRest[0]);
        Duration every = duration(everyAndAgo[0]);
        Duration ago = duration(everyAndAgo[1]);
        for (int i = 0; i < count; i++) {
            posts.add(NOW.minus(ago).minus(every.multipliedBy(i)));
        }
        return posts;
    }

    /** {@code 30m}, {@code 2h}, {@code 3d}, or negative: {@code -2h}. */
    private static Duration duration(String text) {
        boolean negative = text.startsWith("-");
        String unsigned = negative ? text.substring(1) : text;
        long amount = Long.parseLong(unsigned.substring(0, unsigned.length() - 1));
        Duration duration = switch (unsigned.charAt(unsigned.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(text);
        };
        return negative ? duration.negated() : duration;
    }
}
