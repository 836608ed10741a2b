package io.channelpulse.web;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Counts over time and top lists, from the daily rollups. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
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

    @GET
    @Path("/series")
    public Series series(@QueryParam("metric") String metric, @QueryParam("key") String key,
                         @QueryParam("channel") List<String> channels, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("range") String range,
                         @QueryParam("bucket") String bucket) {
        Metric counted = metric(metric, List.of(Metric.values()));
        String normalizedKey = key(counted, key);
        Bucket buckets = bucket == null || bucket.isBlank() ? Bucket.DAY : Bucket.of(bucket).orElseThrow(() ->
                new BadParameterException("bucket", "'" + bucket + "' is not one of hour, day, week, month"));
        List<Long> channelIds = ChannelFilter.ids(channels);
        ZoneId zone = analytics.timezone();
        Period days = Period.resolve(from, to, range, channelIds, zone, series);
        List<Point> points;
        if (buckets == Bucket.HOUR) {
            if (days.days() > MAX_HOURS / 24) {
                throw new BadParameterException("bucket", "hour buckets are for periods of up to 92 days; use day");
            }
            points = series.hourly(counted, normalizedKey, channelIds, days.first().atStartOfDay(zone).toInstant(),
                    days.last().plusDays(1).atStartOfDay(zone).toInstant(), zone);
        } else {
            points = series.daily(counted, normalizedKey, channelIds, days.first(), days.last(), buckets);
        }
        long total = points.stream().mapToLong(Point::count).sum();
        return new Series(counted.value(), normalizedKey, buckets.value(), days.first(), days.last(), total, points);
    }

    @GET
    @Path("/top")
    public List<TopEntry> top(@QueryParam("metric") String metric, @QueryParam("channel") List<String> channels,
                              @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("range") String range, @QueryParam("limit") String limit,
                              @QueryParam("sort") String sort) {
        Metric counted = metric(metric, List.of(Metric.TOPIC, Metric.MENTION, Metric.FORWARD));
        TopQuery.Order order = switch (sort == null || sort.isBlank() ? "count" : sort) {
            case "count" -> TopQuery.Order.COUNT;
            case "rising" -> TopQuery.Order.RISING;
            default -> throw new BadParameterException("sort", "'" + sort + "' is not count or rising");
        };
        List<Long> channelIds = ChannelFilter.ids(channels);
        Period days = Period.resolve(from, to, range, channelIds, analytics.timezone(), series);
        return top.top(counted, channelIds, days.first(), days.last(), days.previousFirst(), order,
                Limits.parse(limit, 10, 100));
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
