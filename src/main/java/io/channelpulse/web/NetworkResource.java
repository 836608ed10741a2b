package io.channelpulse.web;

import io.channelpulse.api.Limits;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.network.ChannelNetwork;
import io.channelpulse.network.CitationKind;
import io.channelpulse.network.DiscoveredChannel;
import io.channelpulse.network.NetworkGraph;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.UncheckedIOException;
import java.util.List;

/** Who cites whom: the forward and mention network of the tracked channels, and the untracked channels they cite. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Network", description = "Forwards and @mentions between channels, from the daily citation rollups")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class NetworkResource {

    static final String KIND = "forward: posts forwarding a post of the target; mention: posts whose text names it as "
            + "@handle or t.me/ link; all: both";

    @Inject
    ChannelNetwork network;

    @Inject
    SeriesQuery series;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    ObjectMapper json;

    /**
     * The JSON of the graphs ChannelNetwork keeps, by identity: a year's network is half a megabyte, and writing it
     * anew for every request of a dashboard team costs more than computing it once did. Weak keys compare by identity
     * and go when the kept answer goes, so a graph of newer data always gets its own JSON.
     */
    private final Cache<NetworkGraph, byte[]> written = Caffeine.newBuilder().weakKeys().maximumSize(50).build();

    @GET
    @Path("/network")
    @Operation(summary = "The citation network of a period", description = "Nodes: the tracked channels (or those of "
            + "channel) and every channel they cite; citations: posts of the other tracked channels citing it. Edges: "
            + "from → to with the posts of from citing to, and for forwards the median lag (forward time − source "
            + "post time, within 1%) over the forwards whose source post is stored. A channel citing itself makes no "
            + "edge. Without from, to and range the last 30 days")
    @APIResponse(responseCode = "200", description = "The network",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NetworkGraph.class)))
    public byte[] network(@Parameter(description = ApiDocument.CHANNEL + " (the citing channels)")
                                @QueryParam("channel") List<String> channels,
                                @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                                @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                                @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                                @Parameter(description = KIND, schema = @Schema(enumeration = {"forward", "mention", "all"},
                                        defaultValue = "all")) @QueryParam("kind") String kind) {
        return written.get(graph(channels, from, to, range, kind), this::write);
    }

    /** The network the filters ask for, as the exports write it. */
    public NetworkGraph graph(List<String> channels, String from, String to, String range, String kind) {
        CitationKind shown = kind(kind);
        Filters filters = Filters.of(channels, from, to, range);
        return network.graph(filters.period(analytics.timezone(), series), filters.channelIds(), shown.value());
    }

    private byte[] write(NetworkGraph graph) {
        try {
            return json.writeValueAsBytes(graph);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/discover/channels")
    @Operation(summary = "Untracked channels the tracked ones cite", description = "By citations (posts forwarding or "
            + "mentioning it), then citing channels, then handle; title from a forward header when one was seen")
    @APIResponse(responseCode = "200", description = "The channels, most cited first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiscoveredChannel.class, type = SchemaType.ARRAY)))
    public List<DiscoveredChannel> discover(@Parameter(description = ApiDocument.CHANNEL + " (the citing channels)")
                                            @QueryParam("channel") List<String> channels,
                                            @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                                            @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                                            @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                                            @Parameter(description = "Entries, 1 to 1000",
                                                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100"))
                                            @QueryParam("limit") String limit) {
        int entries = Limits.parse(limit, 100, 1000);
        Filters filters = Filters.of(channels, from, to, range);
        List<DiscoveredChannel> found = network.discover(filters.period(analytics.timezone(), series), filters.channelIds());
        return found.subList(0, Math.min(entries, found.size()));
    }

    private static CitationKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return CitationKind.ALL;
        }
        return CitationKind.of(kind).orElseThrow(() ->
                new BadParameterException("kind", "'" + kind + "' is not one of forward, mention, all"));
    }
}
