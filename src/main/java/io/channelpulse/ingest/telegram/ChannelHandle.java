package io.channelpulse.ingest.telegram;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A public channel's username as people paste it: {@code EmbUSA}, {@code @EmbUSA},
 * {@code t.me/EmbUSA}, {@code https://t.me/s/EmbUSA}, {@code https://t.me/EmbUSA/123}.
 */
public record ChannelHandle(String value) {

    // Telegram usernames: 5-32 characters, letters, digits and underscores, starting with a letter.
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]");
    private static final Pattern LINK = Pattern.compile(
            "(?i)^(?:https?://)?(?:www\\.)?(?:t|telegram)\\.(?:me|dog)/(?:s/)?([^/?#]+)(?:/\\d+)?/?(?:[?#].*)?$");

    public static Optional<ChannelHandle> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String candidate = input.strip();
        Matcher link = LINK.matcher(candidate);
        if (link.matches()) {
            candidate = link.group(1);
        } else if (candidate.startsWith("@")) {
            candidate = candidate.substring(1);
        }
        if (!USERNAME.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelHandle(candidate));
    }

    /** Handles are compared without case, as Telegram does. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
