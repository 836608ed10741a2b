package io.channelpulse.terms;

import io.channelpulse.analytics.PostFacts;
import io.channelpulse.terms.TermBags.Bag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The change one batch of a channel's posts makes to its terms by day (channel_day_terms, read as daily_terms), what
 * it queues for the totals over channels ({@link TermTotals}), and to the hours of its names ({@link NameHours}): what the stored versions counted for comes off, what the new ones count for goes on;
 * and to term_forms (new posts only). Written in the caller's transaction,
 * which holds the channel's lock, as additive upserts like the other rollups.
 */
public final class TermDelta {

    private static final Comparator<Bag> BAG_ORDER = Comparator.comparing(Bag::day).thenComparing(Bag::kind);

    private static final Comparator<Term> FORM_ORDER = Comparator.comparing(Term::kind).thenComparing(Term::key)
            .thenComparing(Term::form);

    private final long channelId;
    private final LocalDate keepSingletonsFrom;
    // Hash maps of counters while counting (tens of terms a post), sorted once when written.
    private final Map<Bag, Map<String, int[]>> counts = new HashMap<>();
    // a term is its form: (kind, key, form)
    private final Map<Term, int[]> forms = new HashMap<>();
    private final TermTotals.Changes totals;
    private final NameHours hours;

    private final boolean counting;

    TermDelta(long channelId, LocalDate keepSingletonsFrom, NameHours hours, boolean counting) {
        this.channelId = channelId;
        this.keepSingletonsFrom = keepSingletonsFrom;
        this.hours = hours;
        this.counting = counting;
        this.totals = new TermTotals.Changes(channelId);
    }

    /** A version of a post: what it counted for, its text, and its terms, counted when needed. */
    public record Version(PostFacts facts, String text, Supplier<List<Term>> terms) {
    }

    /**
     * A post being stored, as ingestion stores it.
     *
     * @param before      the stored version, or null for a new post
     * @param publishedAt when the post was published, for the hours of its names
     * @param inRollups   false for a post a time-zone rebuild has not reached yet: only its forms count
     */
    public void store(Version before, Version after, Instant publishedAt, boolean inRollups) {
        if (!counting) {
            return;
        }
        if (before == null) {
            if (after.facts().counted()) {
                List<Term> terms = after.terms().get();
                if (inRollups) {
                    count(terms, after.facts().day(), publishedAt, 1);
                }
                for (Term term : terms) {
                    forms.computeIfAbsent(term, t -> new int[1])[0]++;
                }
            }
            return;
        }
        String counted = before.facts().counted() ? before.text() : null;
        String counting = after.facts().counted() ? after.text() : null;
        // a page read again mostly repeats what is stored: the same text on the same day changes nothing
        if (!inRollups || Objects.equals(counted, counting) && before.facts().day().equals(after.facts().day())) {
            return;
        }
        if (counted != null) {
            count(before.terms().get(), before.facts().day(), publishedAt, -1);
        }
        if (counting != null) {
            count(after.terms().get(), after.facts().day(), publishedAt, 1);
        }
    }

    /** A post counted into rollups that do not hold it yet, as the time-zone rebuild does; labels stay. */
    public void recount(PostFacts facts, String text, Instant publishedAt) {
        if (counting && facts.counted()) {
            count(text, facts.day(), publishedAt, 1);
        }
    }

    private void count(String text, LocalDate day, Instant publishedAt, int sign) {
        if (text != null) {
            count(TermExtractor.terms(text), day, publishedAt, sign);
        }
    }

    private void count(List<Term> terms, LocalDate day, Instant publishedAt, int sign) {
        Map<String, int[]> words = null;
        Map<String, int[]> names = null;
        for (Term term : terms) {
            Map<String, int[]> bag;
            if (term.kind().equals(Term.WORD)) {
                bag = words == null ? words = counts.computeIfAbsent(new Bag(day, Term.WORD), b -> new HashMap<>()) : words;
            } else {
                bag = names == null ? names = counts.computeIfAbsent(new Bag(day, Term.NAME), b -> new HashMap<>()) : names;
                hours.add(publishedAt, term, sign);
            }
            bag.computeIfAbsent(term.key(), k -> new int[1])[0] += sign;
        }
    }

    /**
     * Writes the channel's terms of the days the batch changed, and name_hours. A day's terms of one kind are one
     * row (channel_day_terms): read, changed here, written back whole, without the terms left at zero and, for days
     * past the window, without the singletons.
     */
    public void write(Connection connection) throws SQLException {
        hours.write(connection);
        Map<Bag, Map<String, int[]>> changes = new TreeMap<>(BAG_ORDER);
        counts.forEach((bag, terms) -> {
            terms.values().removeIf(posts -> posts[0] == 0);
            if (!terms.isEmpty()) {
                changes.put(bag, terms);
            }
        });
        if (changes.isEmpty()) {
            return;
        }
        Map<Bag, Map<String, Integer>> bags = TermBags.read(connection, channelId, changes.keySet());
        Map<Bag, Map<String, Integer>> rows = new TreeMap<>(BAG_ORDER);
        changes.forEach((bag, change) -> {
            Map<String, Integer> before = bags.getOrDefault(bag, Map.of());
            Map<String, Integer> terms = new HashMap<>(before);
            change.forEach((key, delta) -> terms.merge(key, delta[0], Integer::sum));
            int least = bag.day().isBefore(keepSingletonsFrom) ? 2 : 1;
            terms.values().removeIf(count -> count < least);
            // the totals change by what the row changed, singletons dropped included
            terms.forEach((key, count) -> totals.add(bag.day(), bag.kind(), key, count - before.getOrDefault(key, 0)));
            before.forEach((key, count) -> {
                if (!terms.containsKey(key)) {
                    totals.add(bag.day(), bag.kind(), key, -count);
                }
            });
            rows.put(bag, terms);
        });
        TermBags.write(connection, channelId, rows);
    }

    /** Queues what {@link #write} changed for the totals over channels (see {@link TermTotals}). */
    public void writeTotals(Connection connection) throws SQLException {
        totals.write(connection);
    }

    /**
     * Adds the forms of the new posts. The rows are shared by all channels, so this goes with the other shared
     * rows at the end of the transaction, in one order, which keeps concurrent batches from deadlocking.
     */
    public void writeForms(Connection connection) throws SQLException {
        if (forms.isEmpty()) {
            return;
        }
        List<Map.Entry<Term, int[]>> all = forms.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(FORM_ORDER)).toList();
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO term_forms (kind, key, form, posts)
                SELECT kind, key, form, posts FROM unnest(?::text[], ?::text[], ?::text[], ?::int[])
                    WITH ORDINALITY AS change (kind, key, form, posts, position) ORDER BY position
                ON CONFLICT (kind, key, form) DO UPDATE SET posts = term_forms.posts + EXCLUDED.posts""")) {
            upsert.setArray(1, connection.createArrayOf("text", all.stream().map(e -> e.getKey().kind()).toArray()));
            upsert.setArray(2, connection.createArrayOf("text", all.stream().map(e -> e.getKey().key()).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", all.stream().map(e -> e.getKey().form()).toArray()));
            upsert.setArray(4, connection.createArrayOf("integer", all.stream().map(e -> e.getValue()[0]).toArray()));
            upsert.executeUpdate();
        }
    }
}
