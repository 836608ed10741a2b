package io.channelpulse.web.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.network.ChannelNetwork;
import io.channelpulse.network.DiscoveredChannel;
import io.channelpulse.network.NetworkEdge;
import io.channelpulse.network.NetworkGraph;
import io.channelpulse.network.NetworkNode;
import io.channelpulse.store.Channel;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.web.Filters;
import io.channelpulse.analytics.Period;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The network page: who forwards and mentions whom in a period, drawn by Cytoscape.js from the JSON in the page
 * and listed in tables that sort by their column links, so the page works without JavaScript too.
 */
@Path("/network")
@Produces(MediaType.TEXT_HTML)
public class NetworkPages {

    static final List<String> KINDS = List.of("all", "forward", "mention");

    /**
     * Edges the table lists unless {@code edges=all}: a year of a busy network has thousands, which take seconds to
     * render and nobody reads; the graph, the CSV and the GEXF have them all.
     */
    static final int EDGE_ROWS = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance network(NetworkPage page);
    }

    /**
     * @param csrf    the admin's CSRF token for the Track buttons; null when the visitor is not logged in as admin
     * @param tracked the channel a Track button just added, while the page says so
     * @param trackedHandles the tracked nodes' handles in lower case, and {@code channelQuery} the filters of a link
     *                       to a channel's page: worked out once, as a year's network has thousands of rows
     */
    public record NetworkPage(Frame frame, String kind, NetworkGraph graph, List<NetworkEdge> edges,
                              List<NetworkNode> channels, List<DiscoveredChannel> worthAdding, String edgesBy,
                              String channelsBy, String csrf, String tracked, Set<String> trackedHandles,
                              String channelQuery, String graphJson) {

        /** Whether the table lists only the first {@link #EDGE_ROWS} edges of the order asked for. */
        public boolean edgesCut() {
            return edges.size() < graph.edges().size();
        }

        public long edgeRows() {
            return EDGE_ROWS;
        }

        public long edgeCount() {
            return graph.edges().size();
        }

        public List<String> kinds() {
            return KINDS;
        }

        /** The channel's page when it is tracked, else its preview on t.me. */
        public String link(String handle) {
            return NetworkPages.link(trackedHandles, channelQuery, handle);
        }

        /** The page's query without the note of a channel just tracked, for the Track forms to come back to. */
        public String back() {
            return frame.filters().with("tracked", null);
        }

        /** The export links with this page's filters (range, channels, kind). */
        public String export(String file) {
            String query = frame.filters().query();
            return "/export/" + file + "?kind=" + kind + (query.isEmpty() ? "" : "&" + query);
        }
    }

    /**
     * The graph's JSON by the kept graph (by identity, gone with it) and the links' query: a year's network is half a
     * megabyte of JSON that every request of the same period would otherwise write again.
     */
    private final Cache<NetworkGraph, Map<String, String>> drawn = Caffeine.newBuilder().weakKeys().maximumSize(50)
            .build();

    /**
     * The page as visitors who are not logged in get it, by kept graph and filters: rendering a year's tables and
     * graph takes tens of milliseconds of CPU, which 16 visitors at once turn into a second. The kept graph stands
     * for the data version (a change of the data is a new graph), so a page is never older than the data; the admin's
     * page carries its CSRF token and is rendered each time.
     */
    private final Cache<Rendered, byte[]> rendered = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumWeight(64L << 20).weigher((Rendered key, byte[] page) -> page.length).build();

    /** A rendered page's question: the kept graph by identity, the filters and the notice every page may show. */
    private record Rendered(NetworkGraph graph, PageFilters filters, String notice) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Rendered that && graph == that.graph && filters.equals(that.filters)
                    && Objects.equals(notice, that.notice);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(graph), filters, notice);
        }
    }

    static String link(Set<String> trackedHandles, String channelQuery, String handle) {
        return trackedHandles.contains(handle.toLowerCase(Locale.ROOT))
                ? "/channels/" + handle + "?" + channelQuery : "https://t.me/s/" + handle;
    }

    @Inject
    ChannelNetwork network;

    @Inject
    PageData data;

    @Inject
    SeriesQuery series;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    SecurityIdentity identity;

    @GET
    public Response network(@BeanParam Filters shared, @QueryParam("kind") String kind, @QueryParam("edges_by") String edgesBy,
                            @QueryParam("channels_by") String channelsBy, @QueryParam("edges") String edgeRows,
                            @QueryParam("tracked") String tracked,
                            @CookieParam(CsrfToken.COOKIE) String csrfCookie) {
        String kindValue = kind == null || kind.isBlank() ? "all" : kind.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kindValue)) {
            throw new BadParameterException("kind", "'" + kind + "' is not one of all, forward, mention");
        }
        String edgeOrder = NetworkTables.order(edgesBy, NetworkTables.EDGE_ORDERS);
        if (edgeOrder == null) {
            throw new BadParameterException("edges_by", "'" + edgesBy + "' is not one of "
                    + String.join(", ", NetworkTables.EDGE_ORDERS));
        }
        String channelOrder = NetworkTables.order(channelsBy, NetworkTables.CHANNEL_ORDERS);
        if (channelOrder == null) {
            throw new BadParameterException("channels_by", "'" + channelsBy + "' is not one of "
                    + String.join(", ", NetworkTables.CHANNEL_ORDERS));
        }
        boolean allEdges = "all".equals(edgeRows);
        if (edgeRows != null && !edgeRows.isBlank() && !allEdges) {
            throw new BadParameterException("edges", "'" + edgeRows + "' is not all");
        }
        Map<String, String> own = new LinkedHashMap<>();
        own.put("kind", kind == null ? null : kindValue);
        own.put("edges_by", edgesBy);
        own.put("channels_by", channelsBy);
        own.put("edges", edgeRows);
        PageFilters filters = PageFilters.of(shared.range(), shared.from(), shared.to(), null, shared.channels(), own);
        List<Long> ids = shared.channelIds();
        Period period = shared.period(analytics.timezone(), series);
        NetworkGraph graph = network.graph(period, ids, kindValue);
        boolean admin = identity != null && identity.hasRole("admin");
        Asked asked = new Asked(filters, period, graph, kindValue, edgeOrder, channelOrder, allEdges);
        if (admin || tracked != null) {
            String csrf = admin ? CsrfToken.of(csrfCookie) : null;
            Response.ResponseBuilder answer = html(page(asked, csrf, tracked));
            if (admin) {
                answer.cookie(CsrfToken.cookie(csrf));
            }
            return answer.build();
        }
        return html(rendered.get(new Rendered(graph, filters, CountsRebuilding.countsRebuilding()),
                key -> page(asked, null, null))).build();
    }

    private static Response.ResponseBuilder html(byte[] page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** What one request asked for, rendered with or without the admin's CSRF token and a just-tracked note. */
    private record Asked(PageFilters filters, Period period, NetworkGraph graph, String kind, String edgeOrder,
                          String channelOrder, boolean allEdges) {
    }

    private byte[] page(Asked asked, String csrf, String tracked) {
        Frame frame = new Frame("/network", asked.filters(), asked.period(),
                data.channels(), analytics.timezone());
        NetworkGraph graph = asked.graph();
        String justTracked = tracked == null ? null : ChannelHandle.parse(tracked).map(ChannelHandle::value)
                .filter(h -> frame.channels().stream().anyMatch(c -> c.handle.equalsIgnoreCase(h))).orElse(null);
        Set<String> trackedHandles = graph.nodes().stream().filter(NetworkNode::tracked)
                .map(n -> n.handle().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String channelQuery = frame.filters().queryWithout("channel");
        String graphJson = drawn.get(graph, g -> new ConcurrentHashMap<>()).computeIfAbsent(channelQuery, query ->
                NetworkTables.graphJson(graph, node -> link(trackedHandles, query, node.handle())));
        NetworkPage page = new NetworkPage(frame, asked.kind(), graph, NetworkTables.edges(graph.edges(),
                asked.edgeOrder()).stream().limit(asked.allEdges() ? Long.MAX_VALUE : EDGE_ROWS).toList(),
                NetworkTables.channels(graph.nodes(), asked.channelOrder()), NetworkTables.worthAdding(graph),
                asked.edgeOrder(), asked.channelOrder(), csrf, justTracked, trackedHandles, channelQuery, graphJson);
        return Templates.network(page).render().getBytes(StandardCharsets.UTF_8);
    }
}
