package io.channelpulse.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The most counted keys of a metric in a period, with the period of the same length just before it. */
@ApplicationScoped
public class TopQuery {

    public enum Order { COUNT, RISING }

    @Inject
    DataSource dataSource;

    @Inject
    Watchlist watchlist;

    /**
     * @param previousFirst first day of the comparison period (it ends the day before {@code first}),
     *                      or null when there is none, as for {@code range=all}
     */
    public List<TopEntry> top(Metric metric, List<Long> channelIds, LocalDate first, LocalDate last,
                              LocalDate previousFirst, Order order, int limit) {
        LocalDate scanFrom = previousFirst == null ? first : previousFirst;
        StringBuilder sql = new StringBuilder("""
                SELECT key, count, previous FROM (
                    SELECT key, COALESCE(sum(posts) FILTER (WHERE day >= ?), 0) AS count,
                           COALESCE(sum(posts) FILTER (WHERE day < ?), 0) AS previous
                    FROM %s WHERE metric = ? AND day BETWEEN ? AND ?""".formatted(
                channelIds == null ? "daily_totals" : "daily_counts"));
        List<Object> parameters = new ArrayList<>(List.of(first, first, metric.value(), scanFrom, last));
        if (channelIds != null) {
            sql.append(" AND channel_id = ANY (?)");
            parameters.add(channelIds.toArray(Long[]::new));
        }
        sql.append(" GROUP BY key) totals WHERE count > 0 ORDER BY ");
        sql.append(order == Order.RISING ? "(count - previous) / sqrt(previous + 1.0) DESC, count DESC" : "count DESC");
        sql.append(", key LIMIT ?");
        parameters.add(limit);
        List<long[]> counts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Sql.query(dataSource, sql.toString(), parameters, rs -> {
            keys.add(rs.getString(1));
            counts.add(new long[]{rs.getLong(2), rs.getLong(3)});
        });
        Map<String, String> labels = labels(metric, keys);
        List<TopEntry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            long count = counts.get(i)[0];
            long previous = counts.get(i)[1];
            entries.add(new TopEntry(keys.get(i), labels.get(keys.get(i)), count, previous, TopEntry.score(count, previous)));
        }
        return entries;
    }

    /** Topics by their most frequent spelling, names by their watchlist label, the rest as @handle. */
    public Map<String, String> labels(Metric metric, List<String> keys) {
        Map<String, String> labels = new HashMap<>();
        if (metric == Metric.TOPIC) {
            Sql.query(dataSource, """
                    SELECT DISTINCT ON (key) key, spelling FROM topic_spellings WHERE key = ANY (?)
                    ORDER BY key, posts DESC, spelling""", List.of((Object) keys.toArray(String[]::new)),
                    rs -> labels.put(rs.getString(1), rs.getString(2)));
        } else if (metric == Metric.FORWARD) {
            Sql.query(dataSource, "SELECT key, COALESCE(title, '@' || handle) FROM forward_sources WHERE key = ANY (?)",
                    List.of((Object) keys.toArray(String[]::new)), rs -> labels.put(rs.getString(1), rs.getString(2)));
        } else if (metric == Metric.MENTION) {
            watchlist.entities().stream().filter(e -> keys.contains(e.key()))
                    .forEach(e -> labels.put(e.key(), e.label()));
        }
        keys.forEach(key -> labels.putIfAbsent(key, metric == Metric.TOPIC ? key : "@" + key));
        return labels;
    }
}
