package io.channelpulse.web.pages;

import io.quarkus.qute.TemplateExtension;

/** Values computed for templates. */
@TemplateExtension
class PageExtensions {

    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** A moment as people read it, to the minute; the API keeps the full ISO instant. */
    static String minute(java.time.Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    /** The start of a long text, cut at a word, for lists of posts; the full post is one click away. */
    static String excerpt(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length);
        return text.substring(0, cut > length / 2 ? cut : length) + " …";
    }

    /** What an admin can do with a channel in its state. */
    static java.util.List<String> actions(io.channelpulse.store.Channel channel) {
        return channel.status == io.channelpulse.store.ChannelStatus.PAUSED
                ? java.util.List.of("resume", "remove") : java.util.List.of("poll", "pause", "remove");
    }

    static String aliasList(io.channelpulse.analytics.WatchedEntity entity) {
        return String.join(", ", entity.aliases());
    }

    /** A heatmap cell's shade from 0 (none) to 4 (the busiest cell). */
    static int heat(Long count, long max) {
        if (count == null || count == 0 || max == 0) {
            return 0;
        }
        return (int) Math.min(4, Math.ceil(count * 4.0 / max));
    }
}
