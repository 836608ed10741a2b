package io.channelpulse.store;

import io.channelpulse.network.LagSketch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums of the citation rollups over a period: its whole months from monthly_citations and monthly_forward_lags, the
 * days at its ends from daily_citations and daily_forward_lags, so a year sums about a twelfth of the rows.
 */
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

    /** A channel's own citations and those of it. */
    private static final String BY_OR_FROM = " AND (channel_id = ? OR target = ?)";

    @Inject
    Sql db;

    /** Every tracked channel, with its posts in the period. */
    public List<TrackedChannel> channels(LocalDate first, LocalDate last) {
        List<TrackedChannel> channels = new ArrayList<>();
        db.forEach("""
                SELECT c.id, lower(c.handle), c.handle, c.title, c.subscribers, COALESCE(p.posts, 0) FROM channels c
                LEFT JOIN (SELECT channel_id, sum(posts) AS posts FROM daily_posts WHERE day BETWEEN ? AND ?
                           GROUP BY channel_id) p ON p.channel_id = c.id ORDER BY c.id""",
                List.of(first, last), rs -> channels.add(new TrackedChannel(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), (Long) rs.getObject(5), rs.getLong(6))));
        return channels;
    }

    /** What the channels (null: all) cited in the period. */
    public List<Cited> cited(LocalDate first, LocalDate last, List<Long> channelIds) {
        return cited(WholeMonths.of(first, last), channels(channelIds), ids(channelIds));
    }

    /** What the channel cited and what cited its key {@code key}, in the period. */
    public List<Cited> citedByOrFrom(long channelId, String key, LocalDate first, LocalDate last) {
        return cited(WholeMonths.of(first, last), BY_OR_FROM, List.of(channelId, key));
    }

    /** The lags of the forwards of the channels (null: all) in the period. */
    public Map<Forwarding, LagSketch> lags(LocalDate first, LocalDate last, List<Long> channelIds) {
        return lags(WholeMonths.of(first, last), channels(channelIds), ids(channelIds));
    }

    /** The lags of the channel's forwards and of the forwards of its key {@code key}, in the period. */
    public Map<Forwarding, LagSketch> lagsByOrFrom(long channelId, String key, LocalDate first, LocalDate last) {
        return lags(WholeMonths.of(first, last), BY_OR_FROM, List.of(channelId, key));
    }

    /** The handle and title forward headers gave the keys, where they gave any. */
    public Map<String, SourceName> sourceNames(List<String> keys) {
        Map<String, SourceName> names = new HashMap<>();
        if (!keys.isEmpty()) {
            db.forEach("SELECT key, handle, title FROM forward_sources WHERE key = ANY (?)", List.of((Object) keys.toArray(String[]::new)),
                    rs -> names.put(rs.getString(1), new SourceName(rs.getString(2), rs.getString(3))));
        }
        return names;
    }

    private List<Cited> cited(WholeMonths period, String filter, List<Object> filterParameters) {
        List<Cited> cited = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        String rows = rows("citations", "channel_id, target, forwards, mentions, citations", period, filter,
                filterParameters, parameters);
        db.forEach("SELECT channel_id, target, sum(forwards), sum(mentions), sum(citations) FROM (" + rows
                + ") rows GROUP BY channel_id, target HAVING sum(citations) > 0", parameters, rs -> cited.add(read(rs)));
        return cited;
    }

    /**
     * The sketches add up the rows themselves: lags spread over months put nearly every forward of a year in its own
     * (channel, source, bucket), so grouping them in SQL first would cost more than it saves.
     */
    private Map<Forwarding, LagSketch> lags(WholeMonths period, String filter, List<Object> filterParameters) {
        Map<Forwarding, LagSketch> lags = new HashMap<>();
        List<Object> parameters = new ArrayList<>();
        String rows = rows("forward_lags", "channel_id, target, bucket, forwards", period, filter, filterParameters,
                parameters);
        db.forEach(rows, parameters, rs -> lags.computeIfAbsent(
                new Forwarding(rs.getLong(1), rs.getString(2)), key -> new LagSketch()).add(rs.getInt(3), rs.getLong(4)));
        return lags;
    }

    private static String channels(List<Long> channelIds) {
        return channelIds == null ? "" : " AND channel_id = ANY (?)";
    }

    private static List<Object> ids(List<Long> channelIds) {
        return channelIds == null ? List.of() : List.of((Object) channelIds.toArray(Long[]::new));
    }

    /**
     * The rows of the rollup {@code rollup} ({@code citations}, {@code forward_lags}) that sum to the period: the
     * monthly ones of its whole months and the daily ones of the days at its ends (V25), {@code filter} on both.
     */
    private static String rows(String rollup, String columns, WholeMonths period, String filter,
                               List<Object> filterParameters, List<Object> parameters) {
        parameters.addAll(period.monthParameters());
        parameters.addAll(filterParameters);
        parameters.addAll(period.dayParameters());
        parameters.addAll(filterParameters);
        return "SELECT " + columns + " FROM monthly_" + rollup + " WHERE " + WholeMonths.months() + filter
                + " UNION ALL SELECT " + columns + " FROM daily_" + rollup + " WHERE " + WholeMonths.days() + filter;
    }

    private static Cited read(Row rs) {
        return new Cited(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
}
