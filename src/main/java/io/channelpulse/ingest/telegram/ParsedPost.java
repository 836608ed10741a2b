package io.channelpulse.ingest.telegram;

import java.time.Instant;
import java.util.List;

/**
 * One message of a preview page.
 *
 * @param channel the canonical handle from {@code data-post}
 * @param text the message's own text with line breaks kept and emoji as characters; empty when it has none
 * @param views null for service messages and where the page shows none
 * @param links http(s) URLs linked from the message's own text (not hashtag searches)
 */
public record ParsedPost(
        String channel,
        long id,
        Instant publishedAt,
        Kind kind,
        String text,
        Long views,
        boolean edited,
        String signature,
        ForwardSource forwardedFrom,
        Long replyTo,
        List<Media> media,
        List<String> links,
        List<Reaction> reactions) {

    public enum Kind { POST, SERVICE }

    /** Where a forwarded message came from; handle and postId are null when the source is not a public channel. */
    public record ForwardSource(String title, String handle, Long postId) {
    }

    /**
     * One attachment. {@code type} is one of photo, album, video, round_video, voice, document, poll,
     * sticker, location, link_preview; the other fields are filled where the type has them.
     *
     * @param items number of pieces in an album
     * @param options poll options
     */
    public record Media(String type, String url, String title, String site, Integer items, List<String> options) {

        public static Media of(String type) {
            return new Media(type, null, null, null, null, List.of());
        }
    }

    public record Reaction(String emoji, long count) {
    }
}
