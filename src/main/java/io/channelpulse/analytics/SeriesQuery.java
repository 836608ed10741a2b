package io.channelpulse.analytics;

import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts over time. Day, week and month buckets add up the daily rollups (daily_posts, daily_counts), so
 * their cost depends on the days asked for, not on the number of posts; hours are counted from the posts.
 * Every bucket of the range is in the answer, zeros included.
 */
@ApplicationScoped
public class SeriesQuery {

    @Inject
    Sql db;

    /** Buckets of days from {@code first} to {@code last}, both included. */
    public List<Point> daily(Metric metric, String key, List<Long> channelIds, LocalDate first, LocalDate last,
                             Bucket bucket) {
        boolean keyed = metric.keyed();
        String sql = keyed
                ? "SELECT date_trunc('" + bucket.value() + "', day)::date, sum(posts) FROM "
                        + (channelIds == null ? "daily_totals" : "daily_counts")
                        + " WHERE metric = ? AND key = ? AND day BETWEEN ? AND ?"
                : "SELECT date_trunc('" + bucket.value() + "', day)::date, sum(" + (metric == Metric.VIEWS ? "views" : "posts")
                        + ") FROM daily_posts WHERE day BETWEEN ? AND ?";
        List<Object> parameters = new ArrayList<>();
        if (keyed) {
            parameters.add(metric.value());
            parameters.add(key);
        }
        parameters.add(first);
        parameters.add(last);
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        sql += " GROUP BY 1";
        Map<LocalDate, Long> counts = new HashMap<>();
        query(sql, parameters, rs -> counts.put(rs.getObject(1, LocalDate.class), rs.getLong(2)));
        return fill(counts, first, last, bucket);
    }

    /** Every bucket from the one holding {@code first} to the one holding {@code last}, zeros where nothing counted. */
    private static List<Point> fill(Map<LocalDate, Long> counts, LocalDate first, LocalDate last, Bucket bucket) {
        List<Point> points = new ArrayList<>();
        for (LocalDate start = bucket.start(first); !start.isAfter(last); start = bucket.next(start)) {
            points.add(new Point(start.toString(), counts.getOrDefault(start, 0L)));
        }
        return points;
    }

    /** Daily series of several keys at once (for sparklines), over all or some channels: key → points. */
    public Map<String, List<Point>> dailyForKeys(Metric metric, List<String> keys, List<Long> channelIds,
                                                 LocalDate first, LocalDate last, Bucket bucket) {
        Map<String, Map<LocalDate, Long>> counts = new HashMap<>();
        List<Object> parameters = new ArrayList<>(List.of(metric.value(), keys.toArray(String[]::new), first, last));
        String sql = "SELECT key, date_trunc('" + bucket.value() + "', day)::date, sum(posts) FROM "
                + (channelIds == null ? "daily_totals" : "daily_counts")
                + " WHERE metric = ? AND key = ANY (?) AND day BETWEEN ? AND ?";
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        query(sql + " GROUP BY 1, 2", parameters, rs -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getObject(2, LocalDate.class), rs.getLong(3)));
        Map<String, List<Point>> series = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            series.put(key, fill(counts.getOrDefault(key, Map.of()), first, last, bucket));
        }
        return series;
    }

    /** A key of a keyed metric, one of several asked for at once. */
    public record Keyed(Metric metric, String key) {
    }

    /**
     * Series of several keys, of any keyed metrics, in one query (for the compare page): each key → its points, in
     * the order asked, zeros where nothing was counted.
     */
    public Map<Keyed, List<Point>> dailyForTerms(List<Keyed> terms, List<Long> channelIds, LocalDate first,
                                                 LocalDate last, Bucket bucket) {
        Map<Keyed, Map<LocalDate, Long>> counts = new HashMap<>();
        if (!terms.isEmpty()) {
            List<Object> parameters = new ArrayList<>(List.of(
                    terms.stream().map(t -> t.metric().value()).toArray(String[]::new),
                    terms.stream().map(Keyed::key).toArray(String[]::new), first, last));
            String sql = "SELECT metric, key, date_trunc('" + bucket.value() + "', day)::date, sum(posts) FROM "
                    + (channelIds == null ? "daily_totals" : "daily_counts")
                    + " WHERE (metric, key) IN (SELECT * FROM unnest(?::text[], ?::text[])) AND day BETWEEN ? AND ?";
            if (channelIds != null) {
                sql += " AND channel_id = ANY (?)";
                parameters.add(channelIds.toArray(Long[]::new));
            }
            query(sql + " GROUP BY 1, 2, 3", parameters, rs -> counts.computeIfAbsent(
                    new Keyed(Metric.of(rs.getString(1)).orElseThrow(), rs.getString(2)), k -> new HashMap<>())
                    .put(rs.getObject(3, LocalDate.class), rs.getLong(4)));
        }
        Map<Keyed, List<Point>> series = new java.util.LinkedHashMap<>();
        for (Keyed term : terms) {
            series.put(term, fill(counts.getOrDefault(term, Map.of()), first, last, bucket));
        }
        return series;
    }

    /** A series per channel, for stacked charts and splits: channel id → points (only channels with counts). */
    public Map<Long, List<Point>> dailyByChannel(Metric metric, String key, List<Long> channelIds, LocalDate first,
                                                LocalDate last, Bucket bucket) {
        String sql = "SELECT channel_id, date_trunc('" + bucket.value() + "', day)::date, sum("
                + (metric == Metric.VIEWS ? "views" : "posts") + ") FROM "
                + (metric.keyed() ? "daily_counts WHERE metric = ? AND key = ? AND" : "daily_posts WHERE")
                + " day BETWEEN ? AND ?";
        List<Object> parameters = new ArrayList<>();
        if (metric.keyed()) {
            parameters.add(metric.value());
            parameters.add(key);
        }
        parameters.add(first);
        parameters.add(last);
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        Map<Long, Map<LocalDate, Long>> counts = new HashMap<>();
        query(sql + " GROUP BY 1, 2", parameters, rs -> counts.computeIfAbsent(rs.getLong(1), id -> new HashMap<>())
                .put(rs.getObject(2, LocalDate.class), rs.getLong(3)));
        Map<Long, List<Point>> series = new java.util.LinkedHashMap<>();
        counts.forEach((channelId, byDay) -> series.put(channelId, fill(byDay, first, last, bucket)));
        return series;
    }

    /** Hour buckets in the zone from the hour holding {@code from} up to {@code to} (exclusive). */
    public List<Point> hourly(Metric metric, String key, List<Long> channelIds, Instant from, Instant to, ZoneId zone) {
        StringBuilder sql = new StringBuilder("SELECT date_trunc('hour', published_at AT TIME ZONE ?), "
                + (metric == Metric.VIEWS ? "COALESCE(sum(views), 0)" : "count(*)")
                + " FROM posts WHERE kind = 'post' AND published_at >= ? AND published_at < ?");
        ZonedDateTime firstHour = from.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        List<Object> parameters = new ArrayList<>(List.of(zone.getId(), firstHour.toInstant(),
                to));
        switch (metric) {
            case TOPIC -> sql.append(" AND hashtags @> ARRAY[?]::text[]");
            case MENTION -> sql.append(" AND mentions @> ARRAY[?]::text[]");
            case FORWARD -> sql.append(" AND lower(forwarded_handle) = ?");
            default -> { }
        }
        if (metric.keyed()) {
            parameters.add(key);
        }
        if (channelIds != null) {
            sql.append(" AND channel_id = ANY (?)");
            parameters.add(channelIds.toArray(Long[]::new));
        }
        sql.append(" GROUP BY 1");
        Map<LocalDateTime, Long> counts = new HashMap<>();
        query(sql.toString(), parameters, rs -> counts.put(rs.getObject(1, LocalDateTime.class), rs.getLong(2)));
        List<Point> points = new ArrayList<>();
        for (ZonedDateTime hour = firstHour; hour.toInstant().isBefore(to); hour = hour.plusHours(1)) {
            points.add(new Point(hour.toInstant().toString(), counts.getOrDefault(hour.toLocalDateTime(), 0L)));
        }
        return points;
    }

    /** The first day with posts, for {@code range=all}; empty when nothing is stored. */
    public java.util.Optional<LocalDate> firstDay(List<Long> channelIds) {
        String sql = "SELECT min(day) FROM daily_posts" + (channelIds == null ? "" : " WHERE channel_id = ANY (?)");
        List<Object> parameters = channelIds == null ? List.of() : List.of((Object) channelIds.toArray(Long[]::new));
        LocalDate[] first = new LocalDate[1];
        query(sql, parameters, rs -> first[0] = rs.getObject(1, LocalDate.class));
        return java.util.Optional.ofNullable(first[0]);
    }

    private void query(String sql, List<Object> parameters, Sql.Reader reader) {
        db.forEach(sql, parameters, reader);
    }
}
