package io.channelpulse.web;

import io.channelpulse.analytics.Period;
import io.channelpulse.api.Limits;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Counts over time and top lists, from the daily rollups. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Counts", description = "Posts, views, topics, mentions and forwards over time, and top lists")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class AnalyticsResource {

    static final int MAX_HOURS = 92 * 24;

    public record Series(String metric, String key, String bucket, LocalDate from, LocalDate to, long total,
                         List<Point> points) {
    }

    @Inject
    SeriesQuery series;

    @Inject
    TopQuery top;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    KeptAnswers kept;

    /** What a series answer depends on besides the data. */
    private record SeriesQuestion(Metric metric, String key, List<Long> channelIds, LocalDate first, LocalDate last,
                                  Bucket bucket) {
    }

    /** What a top list depends on besides the data. */
    private record TopQuestion(Metric metric, List<Long> channelIds, LocalDate first, LocalDate last,
                               LocalDate previousFirst, TopQuery.Order order, int limit) {
    }

    @GET
    @Path("/series")
    @Operation(summary = "A count over time", description = "A point for every bucket of the period, zeros "
            + "included; without from, to and range the last 30 days")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Series.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public Series series(@Parameter(description = "What is counted", required = true,
                                 schema = @Schema(enumeration = {"posts", "views", "topic", "mention", "forward"}))
                         @QueryParam("metric") String metric,
                         @Parameter(description = "The hashtag, watched name or channel handle; required for topic, "
                                 + "mention and forward") @QueryParam("key") String key,
                         @BeanParam Filters filters,
                         @Parameter(description = "Bucket size in pulse.timezone; hours for periods of up to 92 days",
                                 schema = @Schema(enumeration = {"hour", "day", "week", "month"}, defaultValue = "day"))
                         @QueryParam("bucket") String bucket) {
        Metric counted = metric(metric, List.of(Metric.values()));
        String normalizedKey = key(counted, key);
        Bucket buckets = bucket == null || bucket.isBlank() ? Bucket.DAY : Bucket.of(bucket).orElseThrow(() ->
                new BadParameterException("bucket", "'" + bucket + "' is not one of hour, day, week, month"));
        List<Long> channelIds = filters.channelIds();
        ZoneId zone = analytics.timezone();
        Period days = filters.period(zone, series);
        if (buckets == Bucket.HOUR && days.days() > MAX_HOURS / 24) {
            throw new BadParameterException("bucket", "hour buckets are for periods of up to 92 days; use day");
        }
        List<Point> points = kept.get(new SeriesQuestion(counted, normalizedKey, KeptAnswers.channels(channelIds),
                days.first(), days.last(), buckets), () -> buckets == Bucket.HOUR
                ? series.hourly(counted, normalizedKey, channelIds, days.first().atStartOfDay(zone).toInstant(),
                        days.last().plusDays(1).atStartOfDay(zone).toInstant(), zone)
                : series.daily(counted, normalizedKey, channelIds, days.first(), days.last(), buckets));
        long total = points.stream().mapToLong(Point::count).sum();
        return new Series(counted.value(), normalizedKey, buckets.value(), days.first(), days.last(), total, points);
    }

    @GET
    @Path("/top")
    @Operation(summary = "The most frequent or fastest rising topics, mentions or forward sources",
            description = "count: posts in the period; previous: in the period of the same length before it; "
                    + "score: (count - previous) / sqrt(previous + 1)")
    @APIResponse(responseCode = "200", description = "The top list, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public List<TopEntry> top(@Parameter(description = "What is ranked", required = true,
                                      schema = @Schema(enumeration = {"topic", "mention", "forward"}))
                              @QueryParam("metric") String metric,
                         @BeanParam Filters filters,
                              @Parameter(description = "Entries, 1 to 100",
                                      schema = @Schema(type = SchemaType.INTEGER, defaultValue = "10"))
                              @QueryParam("limit") String limit,
                              @Parameter(description = "By count, or by rising score",
                                      schema = @Schema(enumeration = {"count", "rising"}, defaultValue = "count"))
                              @QueryParam("sort") String sort) {
        Metric counted = metric(metric, List.of(Metric.TOPIC, Metric.MENTION, Metric.FORWARD));
        TopQuery.Order order = switch (sort == null || sort.isBlank() ? "count" : sort) {
            case "count" -> TopQuery.Order.COUNT;
            case "rising" -> TopQuery.Order.RISING;
            default -> throw new BadParameterException("sort", "'" + sort + "' is not count or rising");
        };
        List<Long> channelIds = filters.channelIds();
        Period days = filters.period(analytics.timezone(), series);
        int entries = Limits.parse(limit, 10, 100);
        return kept.get(new TopQuestion(counted, KeptAnswers.channels(channelIds), days.first(), days.last(),
                days.previousFirst(), order, entries), () -> top.top(counted, channelIds, days.first(), days.last(),
                days.previousFirst(), order, entries));
    }

    private static Metric metric(String value, List<Metric> allowed) {
        String names = String.join(", ", allowed.stream().map(Metric::value).toList());
        if (value == null || value.isBlank()) {
            throw new BadParameterException("metric", "is required: one of " + names);
        }
        return Metric.of(value).filter(allowed::contains).orElseThrow(() ->
                new BadParameterException("metric", "'" + value + "' is not one of " + names));
    }

    private static String key(Metric metric, String key) {
        if (!metric.keyed()) {
            return null;
        }
        if (key == null || key.isBlank()) {
            throw new BadParameterException("key", "is required for metric " + metric.value()
                    + " (a hashtag, a watched name's key or a channel handle)");
        }
        return Metric.normalizeKey(key);
    }

}
