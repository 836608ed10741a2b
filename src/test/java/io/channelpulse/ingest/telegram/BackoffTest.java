package io.channelpulse.ingest.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "1, 1500, 2500",
            "2, 3000, 5000",
            "3, 6000, 10000",
            "5, 24000, 40000",
    })
    void doublesWithJitterAroundTheBase(int attempt, long atLeastMillis, long atMostMillis) {
        Random random = new Random(attempt);
        for (int i = 0; i < 200; i++) {
            Duration wait = Backoff.afterFailure(attempt, Duration.ofSeconds(2), random);
            assertThat(wait.toMillis()).isBetween(atLeastMillis, atMostMillis);
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Random random = new Random(7);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> Backoff.afterFailure(2, Duration.ofSeconds(2), random)).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void theRequestGapIsStretchedByUpToHalf() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.jittered(Duration.ofSeconds(3), random).toMillis()).isBetween(3000L, 4500L);
        }
        assertThat(Backoff.jittered(Duration.ZERO, random)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "1, PT1S",
            "120, PT2M",
            "' 30 ', PT30S",
            "-5, PT0S",
            "'Thu, 26 Nov 2026 12:01:30 GMT', PT1M30S",
            "'Thu, 26 Nov 2026 11:00:00 GMT', PT0S",
    })
    void retryAfterIsSecondsOrADate(String header, Duration wait) {
        assertThat(Backoff.retryAfter(header, NOW)).contains(wait);
    }

    @Test
    void anUnreadableRetryAfterIsIgnored() {
        assertThat(Backoff.retryAfter("soon", NOW)).isEmpty();
        assertThat(Backoff.retryAfter("", NOW)).isEmpty();
        assertThat(Backoff.retryAfter(null, NOW)).isEmpty();
    }
}
