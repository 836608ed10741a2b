package io.channelpulse.terms;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.NameMatcher;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The most frequent and the fastest rising terms of a period, their series and their forms, from daily_terms (daily_term_totals over all channels). */
@ApplicationScoped
public class TermQuery {

    public enum Order { COUNT, RISING }

    /** A term as the API and pages name it. */
    public record TermKey(String kind, String key) {
    }

    @Inject
    Sql db;

    @Inject
    Watchlist watchlist;

    @Inject
    TermsConfig config;

    @Inject
    DataVersions versions;

    @Inject
    TermCounting counting;

    /**
     * @param kind          {@link Term#WORD}, {@link Term#NAME} or null for both
     * @param channelIds    null for all channels
     * @param previousFirst first day of the period compared with (it ends the day before {@code first}), or null
     */
    public List<TermEntry> terms(String kind, List<Long> channelIds, LocalDate first, LocalDate last,
                                 LocalDate previousFirst, Order order, int limit) {
        Question question = new Question(versions.read(), kind, channelIds == null ? null : List.copyOf(channelIds),
                first, last, previousFirst, order, limit);
        return kept.get(question, q -> compute(kind, channelIds, first, last, previousFirst, order, limit));
    }

    /**
     * What was asked, of which data and watchlist. Every term row, post count, form and watched name an answer is
     * made of changes one of the versions (channel_day_terms and daily_posts bump the data version at commit; the
     * totals are summed after the version is read), so an
     * answer is kept until it is not asked for, never past a committed change.
     */
    private record Question(DataVersions.Versions versions, String kind, List<Long> channelIds, LocalDate first,
                            LocalDate last, LocalDate previousFirst, Order order, int limit) {
    }

    private final Cache<Question, List<TermEntry>> kept = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200).build();

    private List<TermEntry> compute(String kind, List<Long> channelIds, LocalDate first, LocalDate last,
                                    LocalDate previousFirst, Order order, int limit) {
        LocalDate scanFrom = previousFirst == null ? first : previousFirst;
        sumTotalsFor(channelIds);
        long[] posts = posts(channelIds, scanFrom, first, last);
        List<Object> parameters = new ArrayList<>(List.of(first, first, scanFrom, last));
        StringBuilder sql = new StringBuilder("SELECT kind, key, sum(posts) FILTER (WHERE day >= ?) AS count,"
                + " COALESCE(sum(posts) FILTER (WHERE day < ?), 0) AS previous FROM " + table(channelIds)
                + " WHERE day BETWEEN ? AND ? AND kind = ANY (?)");
        parameters.add(kind == null ? KINDS : new String[] {kind});
        if (channelIds != null) {
            sql.append(" AND channel_id = ANY (?)");
            parameters.add(channelIds.toArray(Long[]::new));
        }
        sql.append(" GROUP BY kind, key HAVING sum(posts) FILTER (WHERE day >= ?) >= ?");
        parameters.add(first);
        parameters.add((long) config.minPosts());
        if (order == Order.COUNT) {
            sql.append(" ORDER BY count DESC, kind DESC, key LIMIT ?");
            parameters.add(limit);
        } else {
            // only a term whose share of posts grew can rise
            sql.append(" AND sum(posts) FILTER (WHERE day >= ?) * ?::numeric > COALESCE(sum(posts) FILTER (WHERE day < ?), 0) * ?::numeric");
            parameters.addAll(List.of(first, posts[1], first, posts[0]));
        }
        List<TermEntry> entries = new ArrayList<>();
        db.forEach(sql.toString(), parameters, rs -> {
            long count = rs.getLong(3);
            long previous = rs.getLong(4);
            entries.add(new TermEntry(rs.getString(2), null, rs.getString(1), count, previous,
                    Keyness.score(count, previous, posts[0], posts[1]), false));
        });
        List<TermEntry> chosen = order == Order.COUNT ? entries : entries.stream()
                .sorted(Comparator.comparingDouble(TermEntry::score).reversed().thenComparing(TermEntry::key))
                .limit(limit).toList();
        return labelled(chosen);
    }

    /** Both kinds, named so the (kind, …) indexes of the totals serve a read of both. */
    private static final String[] KINDS = {Term.WORD, Term.NAME};

    /** Before a read of the totals: the days changed since they were last summed are summed again. */
    private void sumTotalsFor(List<Long> channelIds) {
        if (channelIds == null) {
            counting.sumTotals();
        }
    }

    /** The sums over channels when all are counted: one row per term and day instead of one per channel. */
    private static String table(List<Long> channelIds) {
        return channelIds == null ? "daily_term_totals" : "daily_terms";
    }

    /** Posts of the period and of the period before: [period, before]. */
    private long[] posts(List<Long> channelIds, LocalDate scanFrom, LocalDate first, LocalDate last) {
        long[] posts = new long[2];
        List<Object> parameters = new ArrayList<>(List.of(first, first, scanFrom, last));
        String sql = "SELECT COALESCE(sum(posts) FILTER (WHERE day >= ?), 0), COALESCE(sum(posts) FILTER (WHERE day < ?), 0)"
                + " FROM daily_posts WHERE day BETWEEN ? AND ?";
        if (channelIds != null) {
            sql += " AND channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        db.forEach(sql, parameters, rs -> {
            posts[0] = rs.getLong(1);
            posts[1] = rs.getLong(2);
        });
        return posts;
    }

    /** Each term by its most frequent form, marked if the watchlist names that form. */
    private List<TermEntry> labelled(List<TermEntry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        Map<TermKey, List<String>> forms = forms(entries.stream().map(e -> new TermKey(e.kind(), e.key())).toList());
        NameMatcher watched = NameMatcher.of(watchlist.entities());
        return entries.stream().map(e -> {
            List<String> seen = forms.getOrDefault(new TermKey(e.kind(), e.key()), List.of());
            String label = seen.isEmpty() ? e.key() : seen.get(0);
            return new TermEntry(e.key(), label, e.kind(), e.count(), e.previous(), e.score(),
                    !watched.keys(label).isEmpty());
        }).toList();
    }

    /** The forms each term was written in, most frequent first. */
    public Map<TermKey, List<String>> forms(List<TermKey> terms) {
        Map<TermKey, List<String>> forms = new HashMap<>();
        if (terms.isEmpty()) {
            return forms;
        }
        db.forEach("SELECT kind, key, form FROM term_forms WHERE key = ANY (?) ORDER BY posts DESC, form",
                List.of((Object) terms.stream().map(TermKey::key).distinct().toArray(String[]::new)), rs -> {
                    TermKey term = new TermKey(rs.getString(1), rs.getString(2));
                    if (terms.contains(term)) {
                        forms.computeIfAbsent(term, k -> new ArrayList<>()).add(rs.getString(3));
                    }
                });
        return forms;
    }

    /** Each term's series over the period, zeros included, in the order given. */
    public Map<TermKey, List<Point>> series(List<TermKey> terms, List<Long> channelIds, LocalDate first, LocalDate last,
                                            Bucket bucket) {
        Map<TermKey, Map<LocalDate, Long>> counts = new HashMap<>();
        if (!terms.isEmpty()) {
            sumTotalsFor(channelIds);
            List<Object> parameters = new ArrayList<>(List.of(first, last,
                    terms.stream().map(TermKey::key).distinct().toArray(String[]::new)));
            String sql = "SELECT kind, key, date_trunc('" + bucket.value() + "', day)::date, sum(posts) FROM "
                    + table(channelIds) + " WHERE day BETWEEN ? AND ? AND key = ANY (?) AND kind = ANY (?)";
            parameters.add(terms.stream().map(TermKey::kind).distinct().toArray(String[]::new));
            if (channelIds != null) {
                sql += " AND channel_id = ANY (?)";
                parameters.add(channelIds.toArray(Long[]::new));
            }
            db.forEach(sql + " GROUP BY 1, 2, 3", parameters, rs -> counts
                    .computeIfAbsent(new TermKey(rs.getString(1), rs.getString(2)), k -> new HashMap<>())
                    .put(rs.getObject(3, LocalDate.class), rs.getLong(4)));
        }
        Map<TermKey, List<Point>> series = new LinkedHashMap<>();
        for (TermKey term : terms) {
            Map<LocalDate, Long> byStart = counts.getOrDefault(term, Map.of());
            List<Point> points = new ArrayList<>();
            for (LocalDate start = bucket.start(first); !start.isAfter(last); start = bucket.next(start)) {
                points.add(new Point(start.toString(), byStart.getOrDefault(start, 0L)));
            }
            series.put(term, points);
        }
        return series;
    }
}
