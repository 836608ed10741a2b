package io.channelpulse.ingest.telegram;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Waiting times between attempts: exponential with jitter, and what a Retry-After header asks for. */
final class Backoff {

    private Backoff() {
    }

    /** Wait before attempt {@code attempt + 1} after {@code attempt} failures: base·2^(attempt-1), ±25 %. */
    static Duration afterFailure(int attempt, Duration base, RandomGenerator random) {
        long exponential = base.toMillis() << Math.min(attempt - 1, 16);
        double jitter = 0.75 + random.nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(exponential * jitter));
    }

    /** A request gap stretched by up to half, so that several instances do not fall into step. */
    static Duration jittered(Duration gap, RandomGenerator random) {
        return Duration.ofMillis(Math.round(gap.toMillis() * (1 + random.nextDouble() * 0.5)));
    }

    /** Retry-After is either delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
