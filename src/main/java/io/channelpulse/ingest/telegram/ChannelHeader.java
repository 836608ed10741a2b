package io.channelpulse.ingest.telegram;

/** The channel's header on a preview page, as shown at the time of the poll. */
public record ChannelHeader(
        String handle,
        String title,
        String description,
        boolean verified,
        String avatarUrl,
        Counters counters) {

    /** Header counters; a counter the page does not show is null. */
    public record Counters(Long subscribers, Long photos, Long videos, Long files, Long links) {
    }
}
