package io.channelpulse.network;

/**
 * An untracked channel the tracked ones cite.
 *
 * @param title           from a forward header when one was seen, else null
 * @param citations       posts of tracked channels in the period that forward or mention it
 * @param citingChannels  how many tracked channels those posts are in
 */
public record DiscoveredChannel(String handle, String title, long citations, long citingChannels) {
}
