package io.channelpulse.digest;

import java.time.LocalDate;
import java.util.List;

/** What one digest mail says, ready for the templates. {@code unsubscribeUrl} is null in the browser preview. */
public record Digest(LocalDate day, String subject, String dashboardUrl, String channelsNote, boolean quiet,
                     long totalPosts, List<ChannelLine> channels, List<TermLine> topics, List<TermLine> mentions,
                     List<TermLine> rising, List<PostLine> posts, long deletedPosts, long editedPosts,
                     List<ChangeLine> changes, List<SpikeLine> spikes, String unsubscribeUrl) {

    /** A channel's posts on the day. */
    public record ChannelLine(String handle, long posts, long views, String url) {
    }

    /**
     * A topic or watched name: posts on the day, the daily average of the 7 days before, and the change
     * against it ("new" when it had none).
     */
    public record TermLine(String kind, String key, String label, long count, String average, String change,
                           double score, String url) {
    }

    /** One of the most viewed posts of the day: {@code url} on t.me, {@code page} its page on the dashboard. */
    public record PostLine(String channel, long id, String url, String page, String time, Long views, String excerpt) {
    }

    /** A channel's posts noticed deleted and edited on the day, linked to its "Recently deleted/edited" lists. */
    public record ChangeLine(String handle, long deleted, long edited, String deletedUrl, String editedUrl) {
    }

    /**
     * A spike of the day (see /api/spikes): posts against what the 28 days before predict, linked to the
     * dashboard and to the posts that drove it on t.me.
     */
    public record SpikeLine(String metric, String label, long count, String expected, String url, List<String> posts) {
    }

    public Digest forSubscriber(String unsubscribe) {
        return new Digest(day, subject, dashboardUrl, channelsNote, quiet, totalPosts, channels, topics, mentions,
                rising, posts, deletedPosts, editedPosts, changes, spikes, unsubscribe);
    }
}
