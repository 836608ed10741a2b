package io.channelpulse.ingest.telegram;

/** A page that is not a channel preview we can read; the message says what was missing. */
public class PreviewPageException extends Exception {

    public PreviewPageException(String message) {
        super(message);
    }
}
