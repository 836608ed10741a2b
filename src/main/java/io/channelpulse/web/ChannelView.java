package io.channelpulse.web;

import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelStatus;

import java.time.Instant;

/**
 * A tracked channel in the API. {@code postCount} counts posts (service messages are not posts);
 * {@code messageCount} counts everything stored, service messages included. {@code warning} says why deletions
 * are not being marked just now (a page missed most of the posts it should hold), or is null. {@code source} is
 * {@code preview} for a channel added to be polled, {@code import} for one an import of its export created.
 */
record ChannelView(String handle, String title, String description, boolean verified, Long subscribers,
                   long postCount, long messageCount, ChannelStatus status, Instant addedAt, Instant lastPolledAt,
                   String lastError, Backfill backfill, String warning, String source) {

    record Backfill(int pages, boolean done) {
    }

    static ChannelView of(Channel channel) {
        return new ChannelView(channel.handle, channel.title, channel.description, channel.verified,
                channel.subscribers, channel.postCount, channel.messageCount, channel.status, channel.addedAt,
                channel.lastPolledAt, channel.lastError, new Backfill(channel.backfillPages, channel.backfillDone),
                channel.deletionWarning, channel.source);
    }
}
