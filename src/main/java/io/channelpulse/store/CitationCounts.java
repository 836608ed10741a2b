package io.channelpulse.store;

import io.channelpulse.analytics.Sql;
import io.channelpulse.network.LagSketch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums of the citation rollups (daily_citations, daily_forward_lags) over a period. */
@ApplicationScoped
public class CitationCounts {

    /** A tracked channel as the network shows it; {@code key} is its lowercased handle. */
    public record TrackedChannel(long id, String key, String handle, String title, Long subscribers, long posts) {
    }

    /** The posts of a tracked channel in a period that cite {@code target}, by how they cite it. */
    public record Cited(long channelId, String target, long forwards, long mentions, long citations) {
    }

    /** Which channel forwarded which handle. */
    public record Forwarding(long channelId, String target) {
    }

    /** How forward headers name an untracked channel. */
    public record SourceName(String handle, String title) {
    }

    @Inject
    DataSource dataSource;

    /** The version of the data the network is computed from: any committed change to it changes the version (V22). */
    public long version() {
        long[] version = new long[1];
        Sql.query(dataSource, "SELECT version FROM network_version", List.of(), rs -> version[0] = rs.getLong(1));
        return version[0];
    }

    /** Every tracked channel, with its posts in the period. */
    public List<TrackedChannel> channels(LocalDate first, LocalDate last) {
        List<TrackedChannel> channels = new ArrayList<>();
        Sql.query(dataSource, """
                SELECT c.id, lower(c.handle), c.handle, c.title, c.subscribers, COALESCE(p.posts, 0) FROM channels c
                LEFT JOIN (SELECT channel_id, sum(posts) AS posts FROM daily_posts WHERE day BETWEEN ? AND ?
                           GROUP BY channel_id) p ON p.channel_id = c.id ORDER BY c.id""",
                List.of(first, last), rs -> channels.add(new TrackedChannel(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), (Long) rs.getObject(5), rs.getLong(6))));
        return channels;
    }

    /** What the channels (null: all) cited in the period. */
    public List<Cited> cited(LocalDate first, LocalDate last, List<Long> channelIds) {
        List<Cited> cited = new ArrayList<>();
        List<Object> parameters = new ArrayList<>(List.of(first, last));
        Sql.query(dataSource, "SELECT channel_id, target, sum(forwards), sum(mentions), sum(citations) FROM daily_citations"
                + " WHERE day BETWEEN ? AND ?" + channels(channelIds, parameters)
                + " GROUP BY channel_id, target HAVING sum(citations) > 0", parameters, rs -> cited.add(read(rs)));
        return cited;
    }

    /** What the channel cited and what cited its key {@code key}, in the period. */
    public List<Cited> citedByOrFrom(long channelId, String key, LocalDate first, LocalDate last) {
        List<Cited> cited = new ArrayList<>();
        Sql.query(dataSource, """
                SELECT channel_id, target, sum(forwards), sum(mentions), sum(citations) FROM daily_citations
                WHERE day BETWEEN ? AND ? AND (channel_id = ? OR target = ?)
                GROUP BY channel_id, target HAVING sum(citations) > 0""",
                List.of(first, last, channelId, key), rs -> cited.add(read(rs)));
        return cited;
    }

    /** The lags of the forwards of the channels (null: all) in the period. */
    public Map<Forwarding, LagSketch> lags(LocalDate first, LocalDate last, List<Long> channelIds) {
        List<Object> parameters = new ArrayList<>(List.of(first, last));
        return lags("SELECT channel_id, target, bucket, sum(forwards) FROM daily_forward_lags WHERE day BETWEEN ? AND ?"
                + channels(channelIds, parameters) + " GROUP BY channel_id, target, bucket", parameters);
    }

    /** The lags of the channel's forwards and of the forwards of its key {@code key}, in the period. */
    public Map<Forwarding, LagSketch> lagsByOrFrom(long channelId, String key, LocalDate first, LocalDate last) {
        return lags("""
                SELECT channel_id, target, bucket, sum(forwards) FROM daily_forward_lags
                WHERE day BETWEEN ? AND ? AND (channel_id = ? OR target = ?) GROUP BY channel_id, target, bucket""",
                List.of(first, last, channelId, key));
    }

    /** The handle and title forward headers gave the keys, where they gave any. */
    public Map<String, SourceName> sourceNames(List<String> keys) {
        Map<String, SourceName> names = new HashMap<>();
        if (!keys.isEmpty()) {
            Sql.query(dataSource, "SELECT key, handle, title FROM forward_sources WHERE key = ANY (?)", List.of((Object) keys.toArray(String[]::new)),
                    rs -> names.put(rs.getString(1), new SourceName(rs.getString(2), rs.getString(3))));
        }
        return names;
    }

    private Map<Forwarding, LagSketch> lags(String sql, List<Object> parameters) {
        Map<Forwarding, LagSketch> lags = new HashMap<>();
        Sql.query(dataSource, sql, parameters, rs -> lags.computeIfAbsent(new Forwarding(rs.getLong(1), rs.getString(2)),
                key -> new LagSketch()).add(rs.getInt(3), rs.getLong(4)));
        return lags;
    }

    private static String channels(List<Long> channelIds, List<Object> parameters) {
        if (channelIds == null) {
            return "";
        }
        parameters.add(channelIds.toArray(Long[]::new));
        return " AND channel_id = ANY (?)";
    }

    private static Cited read(ResultSet rs) throws SQLException {
        return new Cited(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
}
