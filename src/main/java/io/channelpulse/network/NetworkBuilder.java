package io.channelpulse.network;

import io.channelpulse.store.CitationCounts.Cited;
import io.channelpulse.store.CitationCounts.Forwarding;
import io.channelpulse.store.CitationCounts.SourceName;
import io.channelpulse.store.CitationCounts.TrackedChannel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the rollup sums of a period into the network: pure, so the rules are tested without a database. A channel's
 * posts that cite the channel itself (its own handle under each post, a forward of its own post) amplify nobody and
 * make no edge and no citation.
 */
final class NetworkBuilder {

    static final Comparator<NetworkEdge> EDGE_ORDER = Comparator.comparingLong(NetworkEdge::count).reversed()
            .thenComparing(NetworkEdge::from, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(NetworkEdge::to, String.CASE_INSENSITIVE_ORDER).thenComparing(NetworkEdge::kind);

    private final Map<Long, TrackedChannel> byId = new LinkedHashMap<>();
    private final Map<String, TrackedChannel> byKey = new HashMap<>();
    private final List<Cited> cited;
    private final Map<Forwarding, LagSketch> lags;
    private final Map<String, SourceName> names;

    /**
     * @param cited rows of citing channels; rows of a channel citing itself are left out here
     * @param names how forward headers name the untracked targets
     */
    NetworkBuilder(List<TrackedChannel> channels, List<Cited> cited, Map<Forwarding, LagSketch> lags,
                   Map<String, SourceName> names) {
        channels.forEach(channel -> {
            byId.put(channel.id(), channel);
            byKey.put(channel.key(), channel);
        });
        this.cited = cited.stream().filter(row -> byId.containsKey(row.channelId())
                && !byId.get(row.channelId()).key().equals(row.target())).toList();
        this.lags = lags;
        this.names = names;
    }

    /** The untracked keys among the rows' targets, whose names the builder needs. */
    static List<String> untracked(List<TrackedChannel> channels, List<Cited> cited) {
        Set<String> tracked = new HashSet<>();
        channels.forEach(channel -> tracked.add(channel.key()));
        return cited.stream().map(Cited::target).filter(key -> !tracked.contains(key)).distinct().sorted().toList();
    }

    /** @param citing the citing channels' ids, or null for all */
    NetworkGraph graph(List<Long> citing, CitationKind kind) {
        List<NetworkEdge> edges = edges(kind, row -> true);
        Map<String, Long> citations = new HashMap<>();
        for (Cited row : cited) {
            long posts = kind.posts(row);
            if (posts > 0) {
                citations.merge(row.target(), posts, Long::sum);
            }
        }
        Map<String, NetworkNode> nodes = new LinkedHashMap<>();
        byId.values().stream().filter(channel -> citing == null || citing.contains(channel.id()))
                .forEach(channel -> nodes.put(channel.key(), node(channel.key(), citations)));
        citations.keySet().forEach(key -> nodes.computeIfAbsent(key, k -> node(k, citations)));
        List<NetworkNode> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingLong(NetworkNode::citations).reversed()
                .thenComparing(NetworkNode::handle, String.CASE_INSENSITIVE_ORDER));
        return new NetworkGraph(List.copyOf(ordered), edges);
    }

    List<DiscoveredChannel> discover() {
        Map<String, long[]> byTarget = new HashMap<>();
        for (Cited row : cited) {
            if (!byKey.containsKey(row.target())) {
                long[] sums = byTarget.computeIfAbsent(row.target(), key -> new long[2]);
                sums[0] += row.citations();
                sums[1]++;
            }
        }
        return byTarget.entrySet().stream().map(e -> {
            SourceName name = names.get(e.getKey());
            return new DiscoveredChannel(handle(e.getKey()), name == null ? null : name.title(), e.getValue()[0],
                    e.getValue()[1]);
        }).sorted(Comparator.comparingLong(DiscoveredChannel::citations).reversed()
                .thenComparing(Comparator.comparingLong(DiscoveredChannel::citingChannels).reversed())
                .thenComparing(DiscoveredChannel::handle, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The rows must be those from or to the channel. */
    ChannelCitations of(long channelId) {
        String key = byId.get(channelId).key();
        long citations = cited.stream().filter(row -> row.target().equals(key)).mapToLong(Cited::citations).sum();
        return new ChannelCitations(citations, edges(CitationKind.ALL, row -> row.target().equals(key)),
                edges(CitationKind.ALL, row -> row.channelId() == channelId));
    }

    private List<NetworkEdge> edges(CitationKind kind, Predicate<Cited> which) {
        List<NetworkEdge> edges = new ArrayList<>();
        for (Cited row : cited) {
            if (!which.test(row)) {
                continue;
            }
            String from = byId.get(row.channelId()).handle();
            String to = handle(row.target());
            if (kind.forwards() && row.forwards() > 0) {
                LagSketch lag = lags.get(new Forwarding(row.channelId(), row.target()));
                edges.add(new NetworkEdge(from, to, "forward", row.forwards(), lag == null ? null : lag.median()));
            }
            if (kind.mentions() && row.mentions() > 0) {
                edges.add(new NetworkEdge(from, to, "mention", row.mentions(), null));
            }
        }
        edges.sort(EDGE_ORDER);
        return List.copyOf(edges);
    }

    private NetworkNode node(String key, Map<String, Long> citations) {
        long count = citations.getOrDefault(key, 0L);
        TrackedChannel channel = byKey.get(key);
        if (channel != null) {
            return new NetworkNode(channel.handle(), channel.title(), true, channel.posts(), channel.subscribers(), count);
        }
        SourceName name = names.get(key);
        return new NetworkNode(handle(key), name == null ? null : name.title(), false, 0, null, count);
    }

    /** A tracked channel's handle as it spells it; else as forward headers spell it; else the key. */
    private String handle(String key) {
        TrackedChannel channel = byKey.get(key);
        if (channel != null) {
            return channel.handle();
        }
        SourceName name = names.get(key);
        return name == null ? key : name.handle();
    }
}
