package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.store.PostQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque {@code cursor} of post listings: where the previous page ended. */
public final class PostCursor {

    private PostCursor() {
    }

    public static String encode(PostQuery.Position position) {
        String plain = position.publishedAt() + "|" + position.channelId() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static String encodeOffset(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The offset of a relevance-ordered listing. A bare number is the search page's older link format, still
     * accepted so those links keep working; every listing now writes the one encoded format.
     */
    public static int decodeOffset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (cursor.strip().matches("\\d{1,9}")) {
            return Integer.parseInt(cursor.strip());
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 2 && parts[0].equals("offset")) {
                return Math.max(0, Integer.parseInt(parts[1]));
            }
        } catch (RuntimeException ignored) {
            // answered below
        }
        throw new BadParameterException("cursor", "not a cursor from a previous answer's 'next'");
    }

    public static PostQuery.Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\|");
            return new PostQuery.Position(Instant.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw new BadParameterException("cursor", "not a cursor from a previous answer's 'next'");
        }
    }
}
