package io.channelpulse.web.pages;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.analytics.WatchedEntity;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.store.Channel;
import io.channelpulse.store.Row;
import io.channelpulse.store.Sql;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.analytics.Period;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Queries that only pages need: the channel list, totals, co-occurrence, a channel's heatmap and snapshots. */
@ApplicationScoped
class PageData {

    /** A term on the compare page: {@code topic:osce}, {@code mention:nato}, {@code #osce}, {@code @mfarussia}, or a bare word. */
    record Term(Metric metric, String key) {
        SeriesQuery.Keyed keyed() {
            return new SeriesQuery.Keyed(metric, key);
        }

        String display() {
            return (metric == Metric.TOPIC ? "#" : metric == Metric.FORWARD ? "fwd:" : "") + key;
        }
    }

    /** How many of the newest posts naming a key are looked at for the topics and names beside it. */
    static final int COOCCURRENCE_SAMPLE = 2000;

    @Inject
    Sql db;

    @Inject
    TopQuery top;

    @Inject
    Watchlist watchlist;

    @Inject
    AnalyticsConfig analytics;

    List<Channel> channels() {
        return QuarkusTransaction.requiringNew().call(Channel::listByHandle);
    }

    Map<Long, String> handles(List<Channel> channels) {
        Map<Long, String> handles = new HashMap<>();
        channels.forEach(c -> handles.put(c.id, c.handle));
        return handles;
    }

    OverviewPages.Totals totals(List<Long> ids, Period period) {
        long[] totals = new long[3];
        query("SELECT COALESCE(sum(posts), 0), COALESCE(sum(views), 0), count(DISTINCT channel_id) FILTER (WHERE posts > 0)"
                + " FROM daily_posts WHERE day BETWEEN ? AND ?" + (ids == null ? "" : " AND channel_id = ANY (?)"),
                params(period, ids), rs -> {
                    totals[0] = rs.getLong(1);
                    totals[1] = rs.getLong(2);
                    totals[2] = rs.getLong(3);
                });
        return new OverviewPages.Totals(totals[0], totals[1], totals[2]);
    }

    /** Topics or names that appear in the same posts as a key, by number of posts. */
    List<TopEntry> cooccurring(String column, String keyColumn, String key, List<Long> ids, Period period, String self) {
        List<String> keys = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        ZoneId zone = analytics.timezone();
        List<Object> parameters = new ArrayList<>(List.of(key, start(period, zone), end(period, zone)));
        // The newest posts naming the key are a fair sample; counting all of a frequent topic's posts takes seconds.
        String sql = "SELECT k, count(*) FROM (SELECT " + column + " AS keys FROM posts WHERE kind = 'post' AND "
                + keyColumn + " @> ARRAY[?]::text[] AND published_at >= ? AND published_at < ?"
                + (ids == null ? "" : " AND channel_id = ANY (?)")
                + " ORDER BY published_at DESC LIMIT " + COOCCURRENCE_SAMPLE + ") newest, unnest(newest.keys) k"
                + " GROUP BY k ORDER BY 2 DESC, k LIMIT 11";
        if (ids != null) {
            parameters.add(ids.toArray(Long[]::new));
        }
        query(sql, parameters, rs -> {
            if (!rs.getString(1).equals(self) || !column.equals(keyColumn)) {
                keys.add(rs.getString(1));
                counts.add(rs.getLong(2));
            }
        });
        Metric metric = column.equals("hashtags") ? Metric.TOPIC : Metric.MENTION;
        Map<String, String> labels = top.labels(metric, keys);
        List<TopEntry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size() && i < 10; i++) {
            entries.add(new TopEntry(keys.get(i), labels.get(keys.get(i)), counts.get(i), 0, 0));
        }
        return entries;
    }

    /** Posts by ISO weekday (rows, Monday first) and local hour (columns). */
    List<List<Long>> heatmap(long channelId, Period period, ZoneId zone) {
        long[][] cells = new long[7][24];
        query("SELECT extract(isodow FROM published_at AT TIME ZONE ?)::int, extract(hour FROM published_at AT TIME ZONE ?)::int,"
                        + " count(*) FROM posts WHERE channel_id = ? AND kind = 'post' AND published_at >= ? AND published_at < ?"
                        + " GROUP BY 1, 2",
                List.of(zone.getId(), zone.getId(), channelId, start(period, zone), end(period, zone)),
                rs -> cells[rs.getInt(1) - 1][rs.getInt(2)] = rs.getLong(3));
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : cells) {
            List<Long> values = new ArrayList<>();
            for (long value : row) {
                values.add(value);
            }
            rows.add(values);
        }
        return rows;
    }

    /** The channel's posts we noticed deleted, the latest first; not narrowed to the period, like a notice board. */
    List<ChannelPages.ChangedPost> recentlyDeleted(long channelId, int limit) {
        List<ChannelPages.ChangedPost> posts = new ArrayList<>();
        query("SELECT c.handle, p.id, p.text, p.deleted_at FROM posts p JOIN channels c ON c.id = p.channel_id"
                        + " WHERE p.channel_id = ? AND p.deleted_at IS NOT NULL ORDER BY p.deleted_at DESC, p.id DESC LIMIT ?",
                List.of(channelId, limit), rs -> posts.add(changed(rs)));
        return posts;
    }

    /** The channel's posts whose text we saw change, by the latest change we saw. */
    List<ChannelPages.ChangedPost> recentlyEdited(long channelId, int limit) {
        List<ChannelPages.ChangedPost> posts = new ArrayList<>();
        query("SELECT c.handle, p.id, p.text, e.seen_at FROM (SELECT post_id, max(seen_at) AS seen_at FROM post_edits"
                        + " WHERE channel_id = ? GROUP BY post_id ORDER BY 2 DESC, 1 DESC LIMIT ?) e"
                        + " JOIN posts p ON p.channel_id = ? AND p.id = e.post_id JOIN channels c ON c.id = p.channel_id"
                        + " ORDER BY e.seen_at DESC, p.id DESC",
                List.of(channelId, limit, channelId), rs -> posts.add(changed(rs)));
        return posts;
    }

    private static ChannelPages.ChangedPost changed(Row rs) {
        return new ChannelPages.ChangedPost(rs.getString(1), rs.getLong(2), rs.getString(3),
                rs.getInstant(4));
    }

    /** Subscribers at each poll in the period. */
    ChartData subscribers(long channelId, Period period, ZoneId zone) {
        List<Point> points = new ArrayList<>();
        query("SELECT taken_at, subscribers FROM channel_snapshots WHERE channel_id = ? AND subscribers IS NOT NULL"
                        + " AND taken_at >= ? AND taken_at < ? ORDER BY taken_at",
                List.of(channelId, start(period, zone), end(period, zone)),
                rs -> points.add(new Point(PageExtensions.time(rs.getInstant(1), zone), rs.getLong(2))));
        return ChartData.line(points, "subscribers");
    }

    /** Views of each post in the period (the newest 500), by publication time. */
    ChartData viewsPerPost(long channelId, Period period, ZoneId zone) {
        List<Point> points = new ArrayList<>();
        query("SELECT published_at, views FROM (SELECT published_at, views FROM posts WHERE channel_id = ? AND kind = 'post'"
                        + " AND views IS NOT NULL AND published_at >= ? AND published_at < ? ORDER BY published_at DESC LIMIT 500)"
                        + " newest ORDER BY published_at",
                List.of(channelId, start(period, zone), end(period, zone)),
                rs -> points.add(new Point(PageExtensions.time(rs.getInstant(1), zone), rs.getLong(2))));
        return ChartData.line(points, "views per post");
    }

    /** The compare page's terms, with the watchlist read once for all the bare words among them. */
    List<Term> terms(List<String> raw) {
        Set<String> watched = raw.stream().anyMatch(PageData::bare)
                ? watchlist.entities().stream().map(WatchedEntity::key).collect(Collectors.toSet()) : Set.of();
        return raw.stream().map(value -> term(value, watched)).toList();
    }

    /** A term without a metric prefix, # or @, which is a name when it is a watched key and a topic otherwise. */
    private static boolean bare(String raw) {
        String value = raw.strip();
        return value.indexOf(':') <= 0 && !value.startsWith("#") && !value.startsWith("@");
    }

    static Term term(String raw, Set<String> watched) {
        String value = raw.strip();
        int colon = value.indexOf(':');
        if (colon > 0) {
            String metric = value.substring(0, colon).toLowerCase(Locale.ROOT);
            Metric parsed = Metric.of(metric).filter(Metric::keyed).orElseThrow(() -> new BadParameterException("k",
                    "'" + raw + "': use topic:KEY, mention:KEY or forward:KEY"));
            return new Term(parsed, Metric.normalizeKey(value.substring(colon + 1)));
        }
        if (value.startsWith("#")) {
            return new Term(Metric.TOPIC, Metric.normalizeKey(value));
        }
        String key = Metric.normalizeKey(value);
        return new Term(value.startsWith("@") || watched.contains(key) ? Metric.MENTION : Metric.TOPIC, key);
    }

    /** Each count as a percentage of all posts in the same bucket. */
    static List<Point> share(List<Point> counts, List<Point> all) {
        Map<String, Long> totals = new LinkedHashMap<>();
        all.forEach(p -> totals.put(p.t(), p.count()));
        return counts.stream().map(p -> {
            long total = totals.getOrDefault(p.t(), 0L);
            return new Point(p.t(), total == 0 ? 0 : Math.round(p.count() * 100.0 / total));
        }).toList();
    }

    private static Instant start(Period period, ZoneId zone) {
        return period.first().atStartOfDay(zone).toInstant();
    }

    private static Instant end(Period period, ZoneId zone) {
        return period.last().plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static List<Object> params(Period period, List<Long> ids) {
        List<Object> parameters = new ArrayList<>(List.of(period.first(), period.last()));
        if (ids != null) {
            parameters.add(ids.toArray(Long[]::new));
        }
        return parameters;
    }

    private void query(String sql, List<Object> parameters, Sql.Reader reader) {
        // a tag or name on a handful of posts and one on half of them need different plans
        db.query(sql, parameters).plannedForItsParameters().forEach(reader);
    }
}
