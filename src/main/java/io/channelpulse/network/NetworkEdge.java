package io.channelpulse.network;

/**
 * Posts of {@code from} that cite {@code to} in a period.
 *
 * @param kind             {@code forward}: the post forwards a post of {@code to}; {@code mention}: its text names
 *                         {@code to} as an {@code @handle} or a {@code t.me/} link
 * @param medianLagSeconds forwards only: the median of (forward time − source post time) over the forwards whose
 *                         source post is stored, from a lag sketch within 1%; null when there are none
 */
public record NetworkEdge(String from, String to, String kind, long count, Long medianLagSeconds) {
}
