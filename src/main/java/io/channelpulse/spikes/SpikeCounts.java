package io.channelpulse.spikes;

import io.channelpulse.store.Sql;
import io.channelpulse.terms.NameHours;
import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermExtractor;
import io.channelpulse.terms.TermsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts spikes are judged on (over all channels, once {@link SpikeFinder} has brought the term totals up to
 * date). Days come from the daily rollups (daily_totals over all channels,
 * daily_counts for some; daily_term_totals over all channels, daily_terms for some, for name candidates). Hours of
 * topics, mentions and forwards come from the posts of the period themselves, which the posts_newest index bounds to
 * the period; hours of name candidates, which only the text holds, from name_hours.
 */
@ApplicationScoped
class SpikeCounts {

    /** The metrics of daily_counts; name candidates ({@value #NAME}) come from daily_terms. */
    static final String[] ROLLUP_METRICS = {"topic", "mention", "forward"};
    static final String NAME = "name";

    record Key(String metric, String key) {
    }

    /** A bucket in which a key reached the minimum count. */
    record Busy(String metric, String key, Instant t, long count) {
        Key keyOf() {
            return new Key(metric, key);
        }
    }

    @Inject
    Sql db;

    @Inject
    TermsConfig terms;

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
        sql += channelIds == null
                ? " UNION ALL SELECT 'name', key, day, posts FROM daily_term_totals WHERE kind = 'name'"
                        + " AND day BETWEEN ? AND ? AND posts >= ?"
                : " UNION ALL SELECT 'name', key, day, sum(posts) FROM daily_terms WHERE kind = 'name'"
                        + " AND day BETWEEN ? AND ? AND channel_id = ANY (?) GROUP BY 2, 3 HAVING sum(posts) >= ?";
        parameters.add(first);
        parameters.add(last);
        if (channelIds != null) {
            parameters.add(channelIds.toArray(Long[]::new));
        }
        parameters.add(minCount);
        List<Busy> busy = new ArrayList<>();
        db.forEach(sql, parameters, rs -> busy.add(new Busy(rs.getString(1), rs.getString(2),
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
            parameters.add(from);
            parameters.add(to);
            if (channelIds != null) {
                parameters.add(channelIds.toArray(Long[]::new));
            }
        }
        parameters.add(minCount);
        List<Busy> busy = new ArrayList<>();
        db.forEach(sql, parameters, rs -> busy.add(new Busy(rs.getString(1), rs.getString(2),
                rs.getObject(3, LocalDateTime.class).atZone(zone).toInstant(), rs.getLong(4))));
        busy.addAll(busyNameHours(from, to, channelIds, minCount, zone));
        return busy;
    }

    /**
     * The busy hours of name candidates: from name_hours where it keeps them (the last pulse.terms.name-hours),
     * found again in the posts of older hours.
     */
    private List<Busy> busyNameHours(Instant from, Instant to, List<Long> channelIds, int minCount, ZoneId zone) {
        Instant kept = NameHours.readFrom(zone, terms.nameHours(), Instant.now());
        Instant since = nameHoursSince();
        if (since.isAfter(kept)) {
            kept = since;
        }
        List<Busy> busy = new ArrayList<>();
        if (from.isBefore(kept)) {
            busy.addAll(nameHoursFromPosts(from, to.isAfter(kept) ? kept : to, channelIds, minCount, zone));
        }
        if (to.isAfter(kept)) {
            busy.addAll(nameHoursCounted(from.isBefore(kept) ? kept : from, to, channelIds, minCount));
        }
        return busy;
    }

    /**
     * From when name_hours holds every post (V27): the earliest instant once terms/NameHoursFill has counted the posts
     * stored before it came, which no one undoes, so only that is kept.
     */
    private Instant nameHoursSince() {
        Instant since = nameHoursComplete;
        if (since == null) {
            Instant[] read = new Instant[1];
            db.forEach("SELECT since = '-infinity', since FROM name_hours_since", List.of(),
                    rs -> read[0] = rs.getBoolean(1) ? Instant.MIN : rs.getInstant(2));
            since = read[0];
            if (since == Instant.MIN) {
                nameHoursComplete = since;
            }
        }
        return since;
    }

    private volatile Instant nameHoursComplete;

    /** Busy hours of names as name_hours counts them; hours start at whole hours of the zone it was written in. */
    List<Busy> nameHoursCounted(Instant from, Instant to, List<Long> channelIds, int minCount) {
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        String sql = "SELECT key, hour, sum(posts) FROM name_hours WHERE hour >= ? AND hour < ?";
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        parameters.add(minCount);
        List<Busy> busy = new ArrayList<>();
        db.forEach(sql + " GROUP BY key, hour HAVING sum(posts) >= ?", parameters, rs -> busy.add(
                new Busy(NAME, rs.getString(1), rs.getInstant(2), rs.getLong(3))));
        return busy;
    }

    /** Busy hours of names found again in the period's posts, for hours name_hours no longer keeps. */
    List<Busy> nameHoursFromPosts(Instant from, Instant to, List<Long> channelIds, int minCount, ZoneId zone) {
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        String sql = "SELECT published_at, text FROM posts WHERE kind = 'post' AND published_at >= ? AND published_at < ?";
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        Map<Key, Map<Instant, Long>> counts = new HashMap<>();
        db.forEach(sql, parameters, rs -> {
            Instant hour = NameHours.hour(rs.getInstant(1), zone);
            for (Term term : TermExtractor.terms(rs.getString(2))) {
                if (term.kind().equals(Term.NAME)) {
                    counts.computeIfAbsent(new Key(NAME, term.key()), k -> new HashMap<>()).merge(hour, 1L, Long::sum);
                }
            }
        });
        List<Busy> busy = new ArrayList<>();
        counts.forEach((key, hours) -> hours.forEach((hour, count) -> {
            if (count >= minCount) {
                busy.add(new Busy(NAME, key.key(), hour, count));
            }
        }));
        return busy;
    }

    /** A name candidate's label: the form it is most often written in. */
    Map<String, String> nameLabels(List<String> keys) {
        Map<String, String> labels = new HashMap<>();
        db.forEach("SELECT DISTINCT ON (key) key, form FROM term_forms WHERE kind = 'name' AND key = ANY (?)"
                        + " ORDER BY key, posts DESC, form", List.of((Object) keys.toArray(String[]::new)),
                rs -> labels.put(rs.getString(1), rs.getString(2)));
        keys.forEach(key -> labels.putIfAbsent(key, key));
        return labels;
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
        Map<Key, Map<LocalDate, Long>> days = new HashMap<>();
        List<Key> names = keys.stream().filter(k -> k.metric().equals(NAME)).toList();
        keys = keys.stream().filter(k -> !k.metric().equals(NAME)).toList();
        if (!names.isEmpty()) {
            List<Object> parameters = new ArrayList<>(List.of(names.stream().map(Key::key).toArray(String[]::new),
                    first, last));
            // joined, not "key = ANY (?)": a week's few hundred busy names were compared one by one with every row
            String sql = "SELECT t.key, t.day, t.posts FROM unnest(?::text[]) AS busy (key)"
                    + " JOIN daily_term_totals t ON t.kind = 'name' AND t.key = busy.key AND t.day BETWEEN ? AND ?";
            if (channelIds != null) {
                sql = "SELECT t.key, t.day, sum(t.posts) FROM unnest(?::text[]) AS busy (key)"
                        + " JOIN daily_terms t ON t.kind = 'name' AND t.key = busy.key AND t.day BETWEEN ? AND ?"
                        + " AND t.channel_id = ANY (?) GROUP BY 1, 2";
                parameters.add(channelIds.toArray(Long[]::new));
            }
            db.forEach(sql, parameters, rs -> days.computeIfAbsent(
                    new Key(NAME, rs.getString(1)), k -> new HashMap<>()).put(rs.getObject(2, LocalDate.class), rs.getLong(3)));
        }
        if (keys.isEmpty()) {
            return days;
        }
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
        db.forEach(sql, parameters, rs -> days.computeIfAbsent(new Key(rs.getString(1), rs.getString(2)),
                k -> new HashMap<>()).put(rs.getObject(3, LocalDate.class), rs.getLong(4)));
        return days;
    }
}
