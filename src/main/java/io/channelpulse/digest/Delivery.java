package io.channelpulse.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One subscriber's digest of one day that did not go out as planned: {@code failed} (retried on its own until
 * {@code gaveUp}) or {@code interrupted} (the sender died mid-send; only the admin sends it again).
 */
public record Delivery(long subscriberId, String email, LocalDate day, String status, int attempts,
                       String lastError, Instant nextAttemptAt, boolean gaveUp) {

    private static final DateTimeFormatter NEXT_TRY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What happens next, in a sentence for the admin page. */
    public String outlook() {
        if ("interrupted".equals(status)) {
            return "Not retried on its own: it may already have arrived.";
        }
        if (gaveUp) {
            return "Gave up after " + attempts + " attempts.";
        }
        return "Tried " + attempts + (attempts == 1 ? " time" : " times") + "; next try at "
                + NEXT_TRY.format(nextAttemptAt) + ".";
    }
}
