package io.channelpulse.digest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One subscriber's digest of one day that did not go out as planned: {@code failed} (retried on its own until
 * {@code gaveUp}) or {@code interrupted} (the sender died mid-send; only the admin sends it again).
 */
public record Delivery(long subscriberId, String email, LocalDate day, String status, int attempts,
                       String lastError, Instant nextAttemptAt, boolean gaveUp) {

    /**
     * What happens next, in a sentence for the admin page.
     *
     * @param nextTry {@link #nextAttemptAt} as the page shows times
     */
    public String outlook(String nextTry) {
        if ("interrupted".equals(status)) {
            return "Not retried on its own: it may already have arrived.";
        }
        if (gaveUp) {
            return "Gave up after " + attempts + " attempts.";
        }
        return "Tried " + attempts + (attempts == 1 ? " time" : " times") + "; next try at "
                + nextTry + ".";
    }
}
