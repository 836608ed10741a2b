package io.channelpulse.spikes;

import io.channelpulse.analytics.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts spikes are judged on. Days come from the daily rollups (daily_totals over all channels,
 * daily_counts for some); hours from the posts of the period themselves, which the posts_newest index bounds to
 * the period, so no hourly rollup has to be kept.
 */
@ApplicationScoped
class SpikeCounts {

    /** The metrics the rollups count and spikes are found for; name candidates come from the terms rollup. */
    static final String[] ROLLUP_METRICS = {"topic", "mention", "forward"};

    record Key(String metric, String key) {
    }

    /** A bucket in which a key reached the minimum count. */
    record Busy(String metric, String key, Instant t, long count) {
        Key keyOf() {
            return new Key(metric, key);
        }
    }

    @Inject
    DataSource dataSource;

    /** Days of [from, to) on which a key has at least {@code minCount} posts. */
    List<Busy> busyDays(Instant from, Instant to, List<Long> channelIds, int minCount, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), zone);
        List<Object> parameters = new ArrayList<>(List.of(ROLLUP_METRICS, first, last));
        String sql;
        if (channelIds == null) {
            sql = "SELECT metric, key, day, posts FROM daily_totals WHERE metric = ANY (?) AND day BETWEEN ? AND ?"
                    + " AND posts >= ?";
        } else {
            sql = "SELECT metric, key, day, sum(posts) FROM daily_counts WHERE metric = ANY (?) AND day BETWEEN ? AND ?"
                    + " AND channel_id = ANY (?) GROUP BY 1, 2, 3 HAVING sum(posts) >= ?";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        parameters.add(minCount);
        List<Busy> busy = new ArrayList<>();
        Sql.query(dataSource, sql, parameters, rs -> busy.add(new Busy(rs.getString(1), rs.getString(2),
                rs.getObject(3, LocalDate.class).atStartOfDay(zone).toInstant(), rs.getLong(4))));
        return busy;
    }

    /** Hours (in the zone) of [from, to) in which a key has at least {@code minCount} posts, counted from the posts. */
    List<Busy> busyHours(Instant from, Instant to, List<Long> channelIds, int minCount, ZoneId zone) {
        String posts = "FROM posts WHERE kind = 'post' AND published_at >= ? AND published_at < ?"
                + (channelIds == null ? "" : " AND channel_id = ANY (?)");
        String sql = "SELECT metric, key, hour, count(*) FROM ("
                + "SELECT 'topic' AS metric, tag AS key, date_trunc('hour', published_at AT TIME ZONE ?) AS hour "
                + posts.replace("FROM posts", "FROM posts, unnest(hashtags) AS tag")
                + " UNION ALL SELECT 'mention', name, date_trunc('hour', published_at AT TIME ZONE ?) "
                + posts.replace("FROM posts", "FROM posts, unnest(mentions) AS name")
                + " UNION ALL SELECT 'forward', lower(forwarded_handle), date_trunc('hour', published_at AT TIME ZONE ?) "
                + posts + " AND forwarded_handle ~ '\\S'"
                + ") counted GROUP BY 1, 2, 3 HAVING count(*) >= ?";
        List<Object> parameters = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            parameters.add(zone.getId());
            parameters.add(Timestamp.from(from));
            parameters.add(Timestamp.from(to));
            if (channelIds != null) {
                parameters.add(channelIds.toArray(Long[]::new));
            }
        }
        parameters.add(minCount);
        List<Busy> busy = new ArrayList<>();
        Sql.query(dataSource, sql, parameters, rs -> busy.add(new Busy(rs.getString(1), rs.getString(2),
                rs.getObject(3, LocalDateTime.class).atZone(zone).toInstant(), rs.getLong(4))));
        return busy;
    }

    /**
     * The daily counts of the busy keys from {@code baselineDays} before the first busy bucket's day to the last
     * one's: key → day → posts.
     */
    Map<Key, Map<LocalDate, Long>> days(List<Busy> busy, List<Long> channelIds, int baselineDays, ZoneId zone) {
        List<Key> keys = busy.stream().map(Busy::keyOf).distinct().toList();
        LocalDate first = busy.stream().map(b -> LocalDate.ofInstant(b.t(), zone)).min(LocalDate::compareTo)
                .orElseThrow().minusDays(baselineDays);
        LocalDate last = busy.stream().map(b -> LocalDate.ofInstant(b.t(), zone)).max(LocalDate::compareTo)
                .orElseThrow();
        List<Object> parameters = new ArrayList<>(List.of(keys.stream().map(Key::metric).toArray(String[]::new),
                keys.stream().map(Key::key).toArray(String[]::new), first, last));
        String sql = channelIds == null
                ? "SELECT t.metric, t.key, t.day, t.posts FROM unnest(?::text[], ?::text[]) AS busy (metric, key)"
                        + " JOIN daily_totals t ON t.metric = busy.metric AND t.key = busy.key AND t.day BETWEEN ? AND ?"
                : "SELECT c.metric, c.key, c.day, sum(c.posts) FROM unnest(?::text[], ?::text[]) AS busy (metric, key)"
                        + " JOIN daily_counts c ON c.metric = busy.metric AND c.key = busy.key AND c.day BETWEEN ? AND ?"
                        + " AND c.channel_id = ANY (?) GROUP BY 1, 2, 3";
        if (channelIds != null) {
            parameters.add(channelIds.toArray(Long[]::new));
        }
        Map<Key, Map<LocalDate, Long>> days = new HashMap<>();
        Sql.query(dataSource, sql, parameters, rs -> days.computeIfAbsent(new Key(rs.getString(1), rs.getString(2)),
                k -> new HashMap<>()).put(rs.getObject(3, LocalDate.class), rs.getLong(4)));
        return days;
    }
}
