package io.channelpulse.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How and when channels are read from Telegram. */
@ConfigMapping(prefix = "pulse")
public interface IngestConfig {

    Telegram telegram();

    Poll poll();

    Backfill backfill();

    /** Handles to make sure are tracked at start. */
    Optional<List<String>> channels();

    interface Telegram {
        /** Where preview pages are fetched: {base}/s/{handle}. */
        @WithDefault("https://t.me")
        String baseUrl();

        /** Least time between two requests to that host; jittered upwards by up to half. */
        @WithDefault("3s")
        Duration requestGap();

        /** Attempts for one page when the server fails (5xx, timeouts) or asks to slow down (429). */
        @WithDefault("5")
        int maxAttempts();

        /** First wait after a failed attempt; doubles with each further attempt, jittered. */
        @WithDefault("2s")
        Duration backoff();

        /** Longest Retry-After we wait for within a poll; a longer one postpones the channel instead. */
        @WithDefault("2m")
        Duration maxRetryAfter();

        /** Connect and read timeout of one request. */
        @WithDefault("20s")
        Duration timeout();

        /**
         * The address this instance's requests leave from, as a name: the request gap is kept per egress address,
         * so instances with addresses of their own do not wait for each other, and instances sharing one (behind
         * one NAT) take turns. Unset: the host name, which tells apart instances on different machines.
         */
        Optional<String> egress();
    }

    interface Poll {
        /**
         * Shortest time between two checks of a channel: for the busiest channels, channels just added and
         * channels whose last poll found new posts (see PollInterval).
         */
        @WithDefault("5m")
        Duration min();

        /** Longest time between two checks of a channel: for channels that post a few times a month or less. */
        @WithDefault("3h")
        Duration max();

        /**
         * One fixed interval for every channel instead of the adaptive one (min and max both become it), as before
         * adaptive polling: for a set-up that must keep to a known request rate. Unset by default.
         */
        Optional<Duration> every();

        /**
         * How often to look for channels whose next check is due and for polls that stopped unfinished (their
         * instance was killed, shut down or lost the database) that no instance holds, to go on with them.
         * Failover takes about this long plus a page.
         */
        @WithDefault("5s")
        Duration resumeEvery();

        /** Off for an instance that only serves the dashboard, and while the synthetic data generator runs. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Backfill {
        /** Older pages fetched when a channel is first added (about 20 posts a page). */
        @WithDefault("50")
        int maxPages();
    }
}
