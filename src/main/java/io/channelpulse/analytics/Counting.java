package io.channelpulse.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Works out what a post counts for. Pure, so that ingestion, recounts and tests agree. */
public final class Counting {

    private Counting() {
    }

    /**
     * @param forwardHandle the forward source's handle, or null
     * @param service       service messages are kept but never counted
     */
    public static PostFacts facts(String text, List<String> links, String forwardHandle, Instant publishedAt,
                                  boolean service, NameMatcher names, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(publishedAt, zone);
        if (service) {
            return new PostFacts(false, day, List.of(), List.of(), null);
        }
        return new PostFacts(true, day, Hashtags.keys(text), mentions(text, links, names), forwardKey(forwardHandle));
    }

    /** Watched names and @handles share one namespace: {@code @putin} names Putin as much as "Putin" does. */
    public static List<String> mentions(String text, List<String> links, NameMatcher names) {
        TreeSet<String> keys = new TreeSet<>(names.keys(text));
        keys.addAll(HandleMentions.keys(text, links));
        return List.copyOf(keys);
    }

    public static String forwardKey(String handle) {
        return handle == null || handle.isBlank() ? null : handle.toLowerCase(Locale.ROOT);
    }
}
