package io.channelpulse.terms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change one batch of a channel's posts makes to name_hours (V27): name candidates by channel and local hour,
 * for the hour buckets of spikes. Only hours from {@code keepFrom} on are written; older ones are counted from their
 * posts when asked for (see {@link #readFrom}), so the table stays at a few weeks of names.
 */
public final class NameHours {

    private record HourName(Instant hour, String key) {
    }

    private final long channelId;
    private final ZoneId zone;
    private final Instant keepFrom;
    private final Map<HourName, Integer> counts = new HashMap<>();

    NameHours(long channelId, ZoneId zone, Instant keepFrom) {
        this.channelId = channelId;
        this.zone = zone;
        this.keepFrom = keepFrom;
    }

    /** The start of the oldest hour kept: midnight {@code window} days ago in the zone. */
    static Instant keepFrom(ZoneId zone, Period window, Instant now) {
        return now.atZone(zone).toLocalDate().minus(window).atStartOfDay(zone).toInstant();
    }

    /**
     * The start of the oldest hour read from name_hours: a day after what writers keep, so an instance whose clock
     * is up to a day ahead of the one that stored a post never reads an hour that writer left out.
     */
    public static Instant readFrom(ZoneId zone, Period window, Instant now) {
        return keepFrom(zone, window.minusDays(1), now);
    }

    /** The start of the local hour holding {@code t}. */
    public static Instant hour(Instant t, ZoneId zone) {
        return t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    void add(Instant publishedAt, Term term, int sign) {
        if (term.kind().equals(Term.NAME) && !publishedAt.isBefore(keepFrom)) {
            counts.merge(new HourName(hour(publishedAt, zone), term.key()), sign, Integer::sum);
        }
    }

    /** Adds the changes, then drops the rows they left at zero. Rows of this channel only, under its lock. */
    void write(Connection connection) throws SQLException {
        List<Map.Entry<HourName, Integer>> changed = new ArrayList<>(counts.entrySet().stream()
                .filter(e -> e.getValue() != 0).toList());
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO name_hours (hour, channel_id, key, posts)
                SELECT hour, ?, key, posts FROM unnest(?::timestamptz[], ?::text[], ?::int[]) AS change (hour, key, posts)
                ON CONFLICT (hour, channel_id, key) DO UPDATE SET posts = name_hours.posts + EXCLUDED.posts""")) {
            upsert.setLong(1, channelId);
            upsert.setArray(2, connection.createArrayOf("timestamptz",
                    changed.stream().map(e -> Timestamp.from(e.getKey().hour())).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().key()).toArray()));
            upsert.setArray(4, connection.createArrayOf("integer", changed.stream().map(Map.Entry::getValue).toArray()));
            upsert.executeUpdate();
        }
        if (changed.stream().noneMatch(e -> e.getValue() < 0)) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM name_hours WHERE channel_id = ? AND hour = ANY (?) AND posts <= 0""")) {
            delete.setLong(1, channelId);
            delete.setArray(2, connection.createArrayOf("timestamptz",
                    changed.stream().map(e -> Timestamp.from(e.getKey().hour())).distinct().toArray()));
            delete.executeUpdate();
        }
    }

    /** Drops the hours before {@code keepFrom}; how many rows went. */
    static int prune(Connection connection, Instant keepFrom) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM name_hours WHERE hour < ?")) {
            delete.setTimestamp(1, Timestamp.from(keepFrom));
            return delete.executeUpdate();
        }
    }
}
