package io.channelpulse.store;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;

/**
 * A stored post as the API shows it. {@code media} and {@code reactions} are JSON arrays built by the database;
 * {@code deletedSeenAt} is when we confirmed the post was deleted from its channel, null while it is there.
 */
public record PostView(
        String channel,
        long id,
        String url,
        Instant publishedAt,
        String text,
        Long views,
        String kind,
        boolean edited,
        String signature,
        Forward forwardedFrom,
        Long replyTo,
        List<String> hashtags,
        List<String> mentions,
        @JsonRawValue String media,
        @JsonRawValue String reactions,
        boolean deleted,
        Instant deletedSeenAt) {

    public record Forward(String handle, String title, Long postId) {
    }
}
