package io.channelpulse.network;

import java.util.List;

/**
 * One channel's place in the network in a period.
 *
 * @param citations posts of the other tracked channels that forward or mention it
 * @param citedBy   the edges that point to it, most posts first
 * @param cites     the edges that start from it, most posts first
 */
public record ChannelCitations(long citations, List<NetworkEdge> citedBy, List<NetworkEdge> cites) {
}
