package io.channelpulse.analytics;

import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The most counted keys of a metric in a period, with the period of the same length just before it. */
@ApplicationScoped
public class TopQuery {

    public enum Order { COUNT, RISING }

    @Inject
    Sql db;

    /**
     * @param previousFirst first day of the comparison period (it ends the day before {@code first}),
     *                      or null when there is none, as for {@code range=all}
     */
    public List<TopEntry> top(Metric metric, List<Long> channelIds, LocalDate first, LocalDate last,
                              LocalDate previousFirst, Order order, int limit) {
        return lists(metric, channelIds, first, last, previousFirst, List.of(order), limit).get(order);
    }

    /** Both lists of a page (most counted, rising) from one pass over the counts. */
    public record TopAndRising(List<TopEntry> top, List<TopEntry> rising) {
    }

    public TopAndRising topAndRising(Metric metric, List<Long> channelIds, LocalDate first, LocalDate last,
                                     LocalDate previousFirst, int limit) {
        Map<Order, List<TopEntry>> lists = lists(metric, channelIds, first, last, previousFirst,
                List.of(Order.COUNT, Order.RISING), limit);
        return new TopAndRising(lists.get(Order.COUNT), lists.get(Order.RISING));
    }

    /** Each order's first {@code limit} keys; the counts are summed once however many orders are asked for. */
    private Map<Order, List<TopEntry>> lists(Metric metric, List<Long> channelIds, LocalDate first, LocalDate last,
                                             LocalDate previousFirst, List<Order> orders, int limit) {
        LocalDate scanFrom = previousFirst == null ? first : previousFirst;
        List<Object> parameters = new ArrayList<>();
        String counted = channelIds == null
                ? totalsOverChannels(metric, scanFrom, first, last, parameters)
                : perChannel(metric, channelIds, scanFrom, first, last, parameters);
        StringBuilder sql = new StringBuilder("WITH totals AS (SELECT key, sum(cur) AS count, sum(prev) AS previous FROM ("
                + counted + ") parts GROUP BY key HAVING sum(cur) > 0) ");
        for (int i = 0; i < orders.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("(SELECT ").append(i)
                    .append(", key, count, previous FROM totals ORDER BY ")
                    .append(orders.get(i) == Order.RISING ? "(count - previous) / sqrt(previous + 1.0) DESC, count DESC"
                            : "count DESC")
                    .append(", key LIMIT ?)");
            parameters.add(limit);
        }
        Map<Order, List<String>> keys = new EnumMap<>(Order.class);
        Map<Order, List<long[]>> counts = new EnumMap<>(Order.class);
        orders.forEach(order -> {
            keys.put(order, new ArrayList<>());
            counts.put(order, new ArrayList<>());
        });
        db.forEach(sql.toString(), parameters, rs -> {
            Order order = orders.get(rs.getInt(1));
            keys.get(order).add(rs.getString(2));
            counts.get(order).add(new long[]{rs.getLong(3), rs.getLong(4)});
        });
        Map<String, String> labels = labels(metric, keys.values().stream().flatMap(List::stream).distinct().toList());
        Map<Order, List<TopEntry>> lists = new EnumMap<>(Order.class);
        for (Order order : orders) {
            List<TopEntry> entries = new ArrayList<>();
            for (int i = 0; i < keys.get(order).size(); i++) {
                String key = keys.get(order).get(i);
                long count = counts.get(order).get(i)[0];
                long previous = counts.get(order).get(i)[1];
                entries.add(new TopEntry(key, labels.get(key), count, previous, TopEntry.score(count, previous)));
            }
            lists.put(order, entries);
        }
        return lists;
    }

    /** One channel's or a few channels' counts: straight from daily_counts. */
    private static String perChannel(Metric metric, List<Long> channelIds, LocalDate scanFrom, LocalDate first,
                                     LocalDate last, List<Object> parameters) {
        parameters.addAll(List.of(first, first, metric.value(), scanFrom, last, channelIds.toArray(Long[]::new)));
        return "SELECT key, CASE WHEN day >= ? THEN posts ELSE 0 END AS cur, CASE WHEN day < ? THEN posts ELSE 0 END AS prev"
                + " FROM daily_counts WHERE metric = ? AND day BETWEEN ? AND ? AND channel_id = ANY (?)";
    }

    /**
     * All channels: whole months from monthly_totals, the partial months at the edges of each period from
     * daily_totals, so a long period costs about as much as a short one.
     */
    private static String totalsOverChannels(Metric metric, LocalDate scanFrom, LocalDate first, LocalDate last,
                                             List<Object> parameters) {
        List<LocalDate> months = new ArrayList<>();
        List<LocalDate[]> edges = new ArrayList<>();
        if (scanFrom.isBefore(first)) {
            split(scanFrom, first.minusDays(1), months, edges);
        }
        split(first, last, months, edges);
        StringBuilder sql = new StringBuilder("SELECT key, CASE WHEN month >= ? THEN posts ELSE 0 END AS cur,"
                + " CASE WHEN month < ? THEN posts ELSE 0 END AS prev FROM monthly_totals WHERE metric = ? AND month = ANY (?)"
                + " UNION ALL SELECT key, CASE WHEN day >= ? THEN posts ELSE 0 END, CASE WHEN day < ? THEN posts ELSE 0 END"
                + " FROM daily_totals WHERE metric = ? AND (FALSE");
        parameters.addAll(List.of(first, first, metric.value(),
                months.toArray(LocalDate[]::new), first, first, metric.value()));
        for (LocalDate[] edge : edges) {
            sql.append(" OR day BETWEEN ? AND ?");
            parameters.add(edge[0]);
            parameters.add(edge[1]);
        }
        return sql.append(")").toString();
    }

    /** The whole months within [from, to], and the days before and after them. */
    static void split(LocalDate from, LocalDate to, List<LocalDate> months, List<LocalDate[]> edges) {
        LocalDate month = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate firstMonth = null;
        LocalDate afterMonths = null;
        while (!month.plusMonths(1).minusDays(1).isAfter(to)) {
            if (firstMonth == null) {
                firstMonth = month;
            }
            months.add(month);
            month = month.plusMonths(1);
            afterMonths = month;
        }
        if (firstMonth == null) {
            edges.add(new LocalDate[]{from, to});
            return;
        }
        if (from.isBefore(firstMonth)) {
            edges.add(new LocalDate[]{from, firstMonth.minusDays(1)});
        }
        if (!afterMonths.isAfter(to)) {
            edges.add(new LocalDate[]{afterMonths, to});
        }
    }

    /** Topics by their most frequent spelling, names by their watchlist label, the rest as @handle. */
    public Map<String, String> labels(Metric metric, List<String> keys) {
        Map<String, String> labels = new HashMap<>();
        if (metric == Metric.TOPIC) {
            db.forEach("""
                    SELECT DISTINCT ON (key) key, spelling FROM topic_spellings WHERE key = ANY (?)
                    ORDER BY key, posts DESC, spelling""", List.of((Object) keys.toArray(String[]::new)),
                    rs -> labels.put(rs.getString(1), rs.getString(2)));
        } else if (metric == Metric.FORWARD) {
            db.forEach("SELECT key, COALESCE(title, '@' || handle) FROM forward_sources WHERE key = ANY (?)",
                    List.of((Object) keys.toArray(String[]::new)), rs -> labels.put(rs.getString(1), rs.getString(2)));
        } else if (metric == Metric.MENTION) {
            // only the keys asked for, not the whole watchlist for every list that shows names
            db.forEach("SELECT key, label FROM watched_entities WHERE key = ANY (?)",
                    List.of((Object) keys.toArray(String[]::new)), rs -> labels.put(rs.getString(1), rs.getString(2)));
        }
        keys.forEach(key -> labels.putIfAbsent(key, metric == Metric.TOPIC ? key : "@" + key));
        return labels;
    }
}
