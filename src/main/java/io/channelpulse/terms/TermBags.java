package io.channelpulse.terms;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changes the channels' terms (channel_day_terms) across many rows at once, outside a batch of posts: the
 * singleton prune and a channel's purge. Each marks the days it changed for the totals over channels.
 */
final class TermBags {

    private TermBags() {
    }

    /** Drops the terms of one post from the rows of days before {@code keepFrom}; how many terms went. */
    static int dropSingletons(Connection connection, LocalDate keepFrom) throws SQLException {
        int dropped;
        Map<Long, List<LocalDate>> days = new TreeMap<>();
        try (PreparedStatement prune = connection.prepareStatement("""
                WITH aged AS (
                    SELECT channel_id, day, kind, keys, posts FROM channel_day_terms
                    WHERE day < ? AND 1 = ANY (posts) FOR UPDATE
                ), kept AS (
                    SELECT aged.channel_id, aged.day, aged.kind,
                           array_agg(term.key ORDER BY term.key) FILTER (WHERE term.posts > 1) AS keys,
                           array_agg(term.posts ORDER BY term.key) FILTER (WHERE term.posts > 1) AS posts,
                           count(*) FILTER (WHERE term.posts <= 1) AS dropped
                    FROM aged CROSS JOIN LATERAL unnest(aged.keys, aged.posts) AS term (key, posts)
                    GROUP BY aged.channel_id, aged.day, aged.kind
                ), shrunk AS (
                    UPDATE channel_day_terms bag SET keys = kept.keys, posts = kept.posts FROM kept
                    WHERE bag.channel_id = kept.channel_id AND bag.day = kept.day AND bag.kind = kept.kind
                        AND kept.keys IS NOT NULL
                    RETURNING bag.channel_id, bag.day
                ), emptied AS (
                    DELETE FROM channel_day_terms bag USING kept
                    WHERE bag.channel_id = kept.channel_id AND bag.day = kept.day AND bag.kind = kept.kind
                        AND kept.keys IS NULL
                    RETURNING bag.channel_id, bag.day
                ), changed AS (SELECT * FROM shrunk UNION SELECT * FROM emptied)
                SELECT (SELECT COALESCE(sum(dropped), 0) FROM kept),
                       ARRAY(SELECT channel_id FROM changed ORDER BY channel_id, day),
                       ARRAY(SELECT day FROM changed ORDER BY channel_id, day)""")) {
            prune.setObject(1, keepFrom);
            try (ResultSet rs = prune.executeQuery()) {
                rs.next();
                dropped = rs.getInt(1);
                Long[] channels = (Long[]) rs.getArray(2).getArray();
                Date[] changedDays = (Date[]) rs.getArray(3).getArray();
                for (int i = 0; i < channels.length; i++) {
                    days.computeIfAbsent(channels[i], c -> new ArrayList<>()).add(changedDays[i].toLocalDate());
                }
            }
        }
        for (Map.Entry<Long, List<LocalDate>> channel : days.entrySet()) {
            TermTotals.changed(connection, channel.getKey(), channel.getValue());
        }
        return dropped;
    }

    /** Deletes the channel's terms, in the transaction that deletes the channel. */
    static void deleteChannel(Connection connection, long channelId) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM channel_day_terms WHERE channel_id = ? RETURNING day")) {
            delete.setLong(1, channelId);
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getObject(1, LocalDate.class));
                }
            }
        }
        TermTotals.changed(connection, channelId, days);
    }
}
