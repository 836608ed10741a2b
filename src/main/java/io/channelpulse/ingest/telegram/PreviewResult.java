package io.channelpulse.ingest.telegram;

/** What asking for one preview page came to. */
public sealed interface PreviewResult {

    String url();

    record Page(String url, PreviewPage page) implements PreviewResult {
    }

    /** Telegram redirected away from /s/: the channel does not show a web preview. */
    record NoPreview(String url, String location) implements PreviewResult {
    }

    /** A page arrived but is not one we can read; the body is kept for inspection. */
    record Unparsable(String url, String body, String error) implements PreviewResult {
    }
}
