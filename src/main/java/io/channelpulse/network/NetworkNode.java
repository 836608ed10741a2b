package io.channelpulse.network;

/**
 * A channel of the network.
 *
 * @param handle      as the channel spells it when tracked, else as the citations spell it
 * @param title       the channel's title, or the title forward headers gave it; null when unknown
 * @param tracked     whether the channel is tracked (its posts are stored)
 * @param posts       the channel's posts in the period; 0 for untracked channels
 * @param subscribers the last subscriber count seen; null for untracked channels or when not shown
 * @param citations   posts in the period, in tracked channels other than this one, that forward or mention it
 */
public record NetworkNode(String handle, String title, boolean tracked, long posts, Long subscribers, long citations) {
}
