package io.channelpulse.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How and when channels are read; how the preview pages are fetched is {@link io.channelpulse.ingest.telegram.TelegramConfig}. */
@ConfigMapping(prefix = "pulse")
public interface IngestConfig {

    Poll poll();

    Backfill backfill();

    /** Handles to make sure are tracked at start. */
    Optional<List<String>> channels();

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
