package io.channelpulse.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.network.DiscoveredChannel;
import io.channelpulse.network.NetworkEdge;
import io.channelpulse.network.NetworkGraph;
import io.channelpulse.network.NetworkNode;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The network as the page shows it: its tables in the order a column header asked for, and the graph as JSON for
 * {@code /js/network.js}. Numbers sort largest first, names from A to Z; ties fall back to the most posts.
 */
final class NetworkTables {

    /** The orders of the edge table, the first the default. */
    static final List<String> EDGE_ORDERS = List.of("count", "lag", "from", "to", "kind");

    /** The orders of the channel table, the first the default. */
    static final List<String> CHANNEL_ORDERS = List.of("citations", "posts", "subscribers", "handle");

    private static final ObjectMapper JSON = new ObjectMapper();

    // handles are ASCII, so this orders as their lower case does, without a lower-cased copy per comparison
    private static final Comparator<String> NAME = String.CASE_INSENSITIVE_ORDER;

    private static final Comparator<NetworkEdge> MOST_POSTS = Comparator.comparingLong(NetworkEdge::count).reversed()
            .thenComparing(NetworkEdge::from, NAME).thenComparing(NetworkEdge::to, NAME)
            .thenComparing(NetworkEdge::kind);

    private static final Map<String, Comparator<NetworkEdge>> EDGES = Map.of(
            "count", MOST_POSTS,
            // edges without a stored source post have no lag: they go last whatever the order
            "lag", Comparator.comparing(NetworkEdge::medianLagSeconds, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(MOST_POSTS),
            "from", Comparator.comparing(NetworkEdge::from, NAME).thenComparing(MOST_POSTS),
            "to", Comparator.comparing(NetworkEdge::to, NAME).thenComparing(MOST_POSTS),
            "kind", Comparator.comparing(NetworkEdge::kind).thenComparing(MOST_POSTS));

    private static final Comparator<NetworkNode> MOST_CITED = Comparator.comparingLong(NetworkNode::citations).reversed()
            .thenComparing(NetworkNode::handle, NAME);

    private static final Map<String, Comparator<NetworkNode>> CHANNELS = Map.of(
            "citations", MOST_CITED,
            "posts", Comparator.comparingLong(NetworkNode::posts).reversed().thenComparing(MOST_CITED),
            "subscribers", Comparator.comparing(NetworkNode::subscribers, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(MOST_CITED),
            "handle", Comparator.comparing(NetworkNode::handle, NAME));

    private NetworkTables() {
    }

    /** The order asked for, or null when the page was given one it does not know. */
    static String order(String asked, List<String> orders) {
        return asked == null || asked.isBlank() ? orders.get(0) : orders.contains(asked) ? asked : null;
    }

    static List<NetworkEdge> edges(List<NetworkEdge> edges, String order) {
        return edges.stream().sorted(EDGES.get(order)).toList();
    }

    static List<NetworkNode> channels(List<NetworkNode> nodes, String order) {
        return nodes.stream().sorted(CHANNELS.get(order)).toList();
    }

    /**
     * The untracked channels of the graph, as {@code /api/discover/channels} orders them: by citations, then citing
     * channels, then handle. Read off the graph the page shows, so its kind applies and the counts are not read twice.
     */
    static List<DiscoveredChannel> worthAdding(NetworkGraph graph) {
        Map<String, Set<String>> citing = new HashMap<>();
        graph.edges().forEach(e -> citing.computeIfAbsent(e.to().toLowerCase(Locale.ROOT), k -> new HashSet<>())
                .add(e.from().toLowerCase(Locale.ROOT)));
        return graph.nodes().stream().filter(n -> !n.tracked() && n.citations() > 0)
                .map(n -> new DiscoveredChannel(n.handle(), n.title(), n.citations(),
                        citing.getOrDefault(n.handle().toLowerCase(Locale.ROOT), Set.of()).size()))
                .sorted(Comparator.comparingLong(DiscoveredChannel::citations).reversed()
                        .thenComparing(Comparator.comparingLong(DiscoveredChannel::citingChannels).reversed())
                        .thenComparing(DiscoveredChannel::handle, NAME))
                .toList();
    }

    /** The kinds of edge, which an edge of the graph's JSON gives by position. */
    static final List<String> EDGE_KINDS = List.of("forward", "mention");

    /**
     * What {@code /js/network.js} draws: {@code {"nodes":[{"id","label","title","tracked","citations","url"}],
     * "kinds":["forward","mention"],"edges":[[source,target,kind,count]]}}, ids being lower-case handles (handles
     * compare without regard to case), an edge's source and target positions in the nodes and its kind a position in
     * the kinds: a year of a busy network has thousands of edges, which written out as objects made the page half a
     * megabyte. Escaped like {@link ChartData#json()}, so it is safe to print unescaped in a script block.
     */
    static String graphJson(NetworkGraph graph, Function<NetworkNode, String> link) {
        List<GraphNode> nodes = graph.nodes().stream().map(n -> new GraphNode(id(n.handle()), "@" + n.handle(),
                n.title() == null ? "" : n.title(), n.tracked(), n.citations(), link.apply(n))).toList();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            positions.put(nodes.get(i).id(), i);
        }
        List<long[]> edges = graph.edges().stream().map(e -> new long[] {positions.get(id(e.from())),
                positions.get(id(e.to())), EDGE_KINDS.indexOf(e.kind()), e.count()}).toList();
        try {
            return JSON.writeValueAsString(new Graph(nodes, EDGE_KINDS, edges))
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Graph(List<GraphNode> nodes, List<String> kinds, List<long[]> edges) {
    }

    record GraphNode(String id, String label, String title, boolean tracked, long citations, String url) {
    }

    private static String id(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }
}
