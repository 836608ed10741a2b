package io.channelpulse.ingest.telegram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How preview pages are fetched from Telegram. */
@ConfigMapping(prefix = "pulse.telegram")
public interface TelegramConfig {

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
