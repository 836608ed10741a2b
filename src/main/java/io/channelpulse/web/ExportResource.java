package io.channelpulse.web;

import io.channelpulse.export.PostExport;
import io.channelpulse.export.NetworkGexf;
import io.channelpulse.export.CsvWriter;
import io.channelpulse.export.ExportFileName;
import io.channelpulse.analytics.Period;
import io.channelpulse.store.PostQuery;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.network.NetworkEdge;
import io.channelpulse.network.NetworkGraph;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.TimeRange;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.channelpulse.api.ApiDocument;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * CSV downloads with the same parameters as the JSON API: every matching post (streamed from the database),
 * a series, a top list. Open to everyone, like the JSON reads. A bad parameter is a 400 {@code {"error": …}}
 * before any CSV is written.
 */
@Path("/export")
@Produces(ExportResource.CSV)
@Tag(name = "CSV", description = "Downloads with the filters of the JSON API: RFC 4180, UTF-8, a header row")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class ExportResource {

    public static final String CSV = "text/csv; charset=utf-8";

    @Inject
    PostExport postExport;

    @Inject
    AnalyticsResource analyticsApi;

    @Inject
    NetworkResource networkApi;

    @Inject
    AnalyticsConfig analytics;

    /** {@code channel,id,url,published_at,text,views,edited,forwarded_from,hashtags,mentions,kind,signature,reply_to,deleted_at}. */
    @GET
    @Path("/posts.csv")
    @Blocking
    @Operation(summary = "Every matching post, newest first", description = "Streamed; filters as GET /api/posts")
    @APIResponse(responseCode = "200", description = "channel,id,url,published_at,text,views,edited,forwarded_from,"
            + "hashtags,mentions,kind,signature,reply_to,deleted_at", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response posts(@Parameter(description = ApiDocument.CHANNEL) @QueryParam("channel") List<String> channels,
                          @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                          @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                          @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                          @Parameter(description = "Full-text search, as in GET /api/posts") @QueryParam("q") String q,
                          @Parameter(description = "A hashtag key") @QueryParam("topic") String topic,
                          @Parameter(description = "A mention key") @QueryParam("mention") String mention,
                          @Parameter(description = "Only newest", schema = @Schema(enumeration = {"newest"}))
                          @QueryParam("sort") String sort,
                          @Parameter(description = ApiDocument.DELETED, schema = @Schema(type = SchemaType.BOOLEAN))
                          @QueryParam("deleted") String deleted,
                          @Parameter(description = ApiDocument.EDITED, schema = @Schema(type = SchemaType.BOOLEAN))
                          @QueryParam("edited") String edited) {
        ZoneId zone = analytics.timezone();
        TimeRange period = TimeRange.parse(from, to, range, zone, Clock.systemUTC());
        if (!blank(sort) && !sort.equals("newest")) {
            throw new BadParameterException("sort", sort.equals("relevance")
                    ? "the CSV export lists every match newest first; relevance is for the JSON listing"
                    : "'" + sort + "' is not newest");
        }
        List<ChannelFilter.Tracked> tracked = channels(channels);
        PostQuery.Filter filter = new PostQuery.Filter(
                tracked == null ? null : tracked.stream().map(ChannelFilter.Tracked::id).toList(),
                period.from(), period.to(), blank(q) ? null : q.strip(), key(topic), key(mention),
                YesNoParameter.parse("deleted", deleted), YesNoParameter.parse("edited", edited));
        ExportFileName name = ExportFileName.of("posts")
                .channels(handles(tracked))
                .with(blank(topic) ? null : "topic-" + filter.topic())
                .with(blank(mention) ? null : "mention-" + filter.mention())
                .with(blank(q) ? null : "search")
                .with(filter.deleted() == null ? null : filter.deleted() ? "deleted" : "not-deleted")
                .with(filter.edited() == null ? null : filter.edited() ? "edited" : "not-edited")
                .period(period.from(), period.to(), zone);
        StreamingOutput body = out -> postExport.write(filter, out);
        return csv(body, name);
    }

    /** {@code bucket_start,metric,key,count}: the points of {@code GET /api/series}, zeros included. */
    @GET
    @Path("/series.csv")
    @Blocking
    @Operation(summary = "The points of GET /api/series", description = "Parameters as GET /api/series")
    @APIResponse(responseCode = "200", description = "bucket_start,metric,key,count", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response series(@Parameter(description = "posts, views, topic, mention or forward", required = true)
                           @QueryParam("metric") String metric,
                           @Parameter(description = "Required for topic, mention and forward") @QueryParam("key") String key,
                           @Parameter(description = ApiDocument.CHANNEL) @QueryParam("channel") List<String> channels,
                           @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                           @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                           @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                           @Parameter(description = "hour, day (default), week or month") @QueryParam("bucket") String bucket) {
        AnalyticsResource.Series series = analyticsApi.series(metric, key, Filters.of(channels, from, to, range), bucket);
        ExportFileName name = ExportFileName.of("series")
                .with(series.metric())
                .with(series.key())
                .with(series.bucket())
                .channels(handles(channels(channels)))
                .period(period(from, to, range));
        StreamingOutput body = out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.row("bucket_start", "metric", "key", "count");
            for (Point point : series.points()) {
                csv.plain(point.t()).text(series.metric()).text(series.key()).number(point.count()).endRow();
            }
            csv.flush();
        };
        return csv(body, name);
    }

    /** {@code key,label,count,previous,score}: the lines of {@code GET /api/top}. */
    @GET
    @Path("/top.csv")
    @Blocking
    @Operation(summary = "The lines of GET /api/top", description = "Parameters as GET /api/top")
    @APIResponse(responseCode = "200", description = "key,label,count,previous,score", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response top(@Parameter(description = "topic, mention or forward", required = true)
                        @QueryParam("metric") String metric,
                        @Parameter(description = ApiDocument.CHANNEL) @QueryParam("channel") List<String> channels,
                        @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                        @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                        @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                        @Parameter(description = "Entries, 1 to 100 (default 10)") @QueryParam("limit") String limit,
                        @Parameter(description = "count (default) or rising") @QueryParam("sort") String sort) {
        List<TopEntry> entries = analyticsApi.top(metric, Filters.of(channels, from, to, range), limit, sort);
        ExportFileName name = ExportFileName.of("top")
                .with(Metric.of(metric).map(Metric::value).orElse(null))
                .with("rising".equals(sort) ? "rising" : null)
                .channels(handles(channels(channels)))
                .period(period(from, to, range));
        StreamingOutput body = out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.row("key", "label", "count", "previous", "score");
            for (TopEntry entry : entries) {
                csv.text(entry.key()).text(entry.label()).number(entry.count()).number(entry.previous())
                        .number(entry.score()).endRow();
            }
            csv.flush();
        };
        return csv(body, name);
    }

    /** {@code from,to,kind,count,median_lag_seconds}: the edges of {@code GET /api/network}. */
    @GET
    @Path("/network.csv")
    @Blocking
    @Operation(summary = "The edges of GET /api/network", description = "Parameters as GET /api/network; "
            + "median_lag_seconds is empty for mentions and for forwards without a stored source post")
    @APIResponse(responseCode = "200", description = "from,to,kind,count,median_lag_seconds",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response networkCsv(@Parameter(description = ApiDocument.CHANNEL) @QueryParam("channel") List<String> channels,
                               @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                               @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                               @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                               @Parameter(description = "forward, mention or all (default)") @QueryParam("kind") String kind) {
        NetworkGraph graph = networkApi.graph(channels, from, to, range, kind);
        StreamingOutput body = out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.row("from", "to", "kind", "count", "median_lag_seconds");
            for (NetworkEdge edge : graph.edges()) {
                csv.text(edge.from()).text(edge.to()).plain(edge.kind()).number(edge.count())
                        .number(edge.medianLagSeconds()).endRow();
            }
            csv.flush();
        };
        return csv(body, networkName(channels, from, to, range, kind));
    }

    /** The network of {@code GET /api/network} as GEXF 1.3, for Gephi. */
    @GET
    @Path("/network.gexf")
    @Blocking
    @Produces(NetworkGexf.MEDIA_TYPE)
    @Operation(summary = "The network of GET /api/network as GEXF 1.3 (Gephi)", description = "Parameters as "
            + "GET /api/network. Nodes: label (the handle), tracked, citations, posts, subscribers, title; directed edges: "
            + "weight (posts), kind (forward or mention), median_lag_seconds")
    @APIResponse(responseCode = "200", description = "A GEXF 1.3 document",
            content = @Content(mediaType = NetworkGexf.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response networkGexf(@Parameter(description = ApiDocument.CHANNEL) @QueryParam("channel") List<String> channels,
                                @Parameter(description = ApiDocument.FROM) @QueryParam("from") String from,
                                @Parameter(description = ApiDocument.TO) @QueryParam("to") String to,
                                @Parameter(description = ApiDocument.RANGE) @QueryParam("range") String range,
                                @Parameter(description = "forward, mention or all (default)") @QueryParam("kind") String kind) {
        NetworkGraph graph = networkApi.graph(channels, from, to, range, kind);
        ExportFileName name = networkName(channels, from, to, range, kind).extension("gexf");
        String description = "Who cites whom among Telegram channels: " + name.ascii();
        StreamingOutput body = out -> NetworkGexf.write(graph, description, LocalDate.now(analytics.timezone()), out);
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_TYPE, NetworkGexf.MEDIA_TYPE)
                .header("Content-Disposition", name.contentDisposition())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private ExportFileName networkName(List<String> channels, String from, String to, String range, String kind) {
        return ExportFileName.of("network").with(blank(kind) ? null : kind.strip())
                .channels(handles(channels(channels))).period(period(from, to, range));
    }

    private static Response csv(StreamingOutput body, ExportFileName name) {
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_TYPE, CSV)
                .header("Content-Disposition", name.contentDisposition())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private ExportFileName.Period period(String from, String to, String range) {
        TimeRange period = defaultedPeriod(from, to, range);
        return new ExportFileName.Period(period.from(), period.to(), analytics.timezone());
    }

    /** Series and top lists cover the last 30 days when the request names no period, as the JSON does. */
    private TimeRange defaultedPeriod(String from, String to, String range) {
        boolean nothingGiven = blank(from) && blank(to) && blank(range);
        ZoneId zone = analytics.timezone();
        return TimeRange.parse(from, to, nothingGiven ? "30d" : range, zone, Clock.system(zone));
    }

    /** The tracked channels the repeatable {@code channel} parameter names, each once; null when it names none (all). */
    private static List<ChannelFilter.Tracked> channels(List<String> handles) {
        List<ChannelFilter.Tracked> tracked = ChannelFilter.tracked(handles);
        return tracked == null ? null : tracked.stream().distinct().toList();
    }

    private static List<String> handles(List<ChannelFilter.Tracked> tracked) {
        return tracked == null ? null : tracked.stream().map(ChannelFilter.Tracked::handle).toList();
    }

    private static String key(String value) {
        return blank(value) ? null : Metric.normalizeKey(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
