package io.channelpulse.ingest.telegram;

import java.time.Instant;
import java.util.Optional;

/** No page could be had this time (server errors, timeouts, a long rate limit); worth trying at a later poll. */
public class PreviewUnavailableException extends Exception {

    private final transient Instant notBefore;

    public PreviewUnavailableException(String message, Instant notBefore) {
        super(message);
        this.notBefore = notBefore;
    }

    /** When Telegram asked us to come back, if it did. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
