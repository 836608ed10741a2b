package io.channelpulse.network;

import java.util.List;

/** Who cites whom in a period: the tracked channels and every channel they cite, and the citations between them. */
public record NetworkGraph(List<NetworkNode> nodes, List<NetworkEdge> edges) {
}
