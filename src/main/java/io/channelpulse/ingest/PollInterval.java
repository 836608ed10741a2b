package io.channelpulse.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long after a poll a channel is checked again, from its own posting rate: about twice per usual pause
 * between its posts, so that a new post waits a quarter of that pause on average, bounded by
 * {@code pulse.poll.min} and {@code pulse.poll.max}.
 *
 * <p>The rate is read from the channel's newest posts and nothing else (no calendar windows), so the rule
 * behaves the same whatever the time scale: {@link #SAMPLE} posts over the time from the oldest of them until
 * now. Counting until now rather than until the newest post makes a channel that has gone quiet slow down by
 * itself. A channel that has just posted tends to post again soon (posts come in bursts), so a poll that found
 * new posts halves the interval, also a quiet channel's; a new channel, whose rate is not known yet, is checked again at the minimum.
 */
final class PollInterval {

    /** The newest posts the rate is read from. */
    static final int SAMPLE = 10;

    private PollInterval() {
    }

    /**
     * @param newestPosts publication times of the channel's newest posts, at most {@link #SAMPLE}, in any order
     * @param foundNew    whether the poll that just ended stored posts newer than any stored before it
     * @param isNew       whether the channel's history is still being fetched or it has no posts yet
     */
    static Duration next(List<Instant> newestPosts, Instant now, boolean foundNew, boolean isNew,
                         Duration min, Duration max) {
        if (isNew) {
            return min;
        }
        Duration interval = newestPosts.size() < 2 ? max : byRate(newestPosts, now, min, max);
        // halved after bounding, so that a quiet channel that has just posted is also checked sooner
        return foundNew ? clamp(interval.dividedBy(2), min, max) : interval;
    }

    /** Twice per usual pause between the posts, bounded; at least two posts. */
    private static Duration byRate(List<Instant> newestPosts, Instant now, Duration min, Duration max) {
        Instant oldest = newestPosts.stream().min(Instant::compareTo).orElseThrow();
        Duration span = Duration.between(oldest, now);
        if (span.isNegative()) {
            // posts dated ahead of our clock: treat them as just now
            span = Duration.ZERO;
        }
        Duration usualPause = span.dividedBy(newestPosts.size());
        return clamp(usualPause.dividedBy(2), min, max);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            return min;
        }
        return value.compareTo(max) > 0 ? max : value;
    }
}
