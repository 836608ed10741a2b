package io.channelpulse.ingest.telegram;

/** What the reader tells about Telegram's answers, for whoever counts them. */
public interface PreviewCounts {

    /** A preview page came back (HTTP 200). */
    void pageFetched();

    /** Telegram answered 429. */
    void rateLimited();

    /** A request is made again after a 429, a 5xx, a timeout or a connection error. */
    void retrying();

    /** One request took {@code nanos}, whatever it answered. */
    void requestTook(long nanos);
}
