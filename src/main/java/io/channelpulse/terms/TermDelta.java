package io.channelpulse.terms;

import io.channelpulse.analytics.PostFacts;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The change one batch of a channel's posts makes to daily_terms and its sum daily_term_totals, and to the hours of
 * its names ({@link NameHours}): what the stored versions counted for comes off, what the new ones count for goes on;
 * and to term_forms (new posts only). Written in the caller's transaction,
 * which holds the channel's lock, as additive upserts like the other rollups.
 */
public final class TermDelta {

    private record DayTerm(LocalDate day, String kind, String key) {
    }

    private record Form(String kind, String key, String form) {
    }

    private static final Comparator<Form> FORM_ORDER = Comparator.comparing(Form::kind).thenComparing(Form::key)
            .thenComparing(Form::form);

    private final long channelId;
    private final LocalDate keepSingletonsFrom;
    private final Map<DayTerm, Integer> counts = new HashMap<>();
    // Hash maps while counting (tens of terms a post), sorted once when written.
    private final Map<Form, Integer> forms = new HashMap<>();
    private final TermTotals totals = new TermTotals();
    private final NameHours hours;

    TermDelta(long channelId, LocalDate keepSingletonsFrom, NameHours hours) {
        this.channelId = channelId;
        this.keepSingletonsFrom = keepSingletonsFrom;
        this.hours = hours;
    }

    /**
     * A post being stored, as ingestion stores it.
     *
     * @param before      what the stored version counted for, or null for a new post
     * @param publishedAt when the post was published, for the hours of its names
     * @param inRollups   false for a post a time-zone rebuild has not reached yet: only its forms count
     */
    public void store(PostFacts before, String beforeText, PostFacts after, String afterText, Instant publishedAt,
                      boolean inRollups) {
        if (before == null) {
            if (after.counted()) {
                for (Term term : TermExtractor.terms(afterText)) {
                    if (inRollups) {
                        counts.merge(new DayTerm(after.day(), term.kind(), term.key()), 1, Integer::sum);
                        hours.add(publishedAt, term, 1);
                    }
                    forms.merge(new Form(term.kind(), term.key(), term.form()), 1, Integer::sum);
                }
            }
            return;
        }
        String counted = before.counted() ? beforeText : null;
        String counting = after.counted() ? afterText : null;
        // a page read again mostly repeats what is stored: the same text on the same day changes nothing
        if (!inRollups || Objects.equals(counted, counting) && before.day().equals(after.day())) {
            return;
        }
        count(counted, before.day(), publishedAt, -1);
        count(counting, after.day(), publishedAt, 1);
    }

    /** A post counted into rollups that do not hold it yet, as the time-zone rebuild does; labels stay. */
    public void recount(PostFacts facts, String text, Instant publishedAt) {
        if (facts.counted()) {
            count(text, facts.day(), publishedAt, 1);
        }
    }

    private void count(String text, LocalDate day, Instant publishedAt, int sign) {
        if (text == null) {
            return;
        }
        for (Term term : TermExtractor.terms(text)) {
            counts.merge(new DayTerm(day, term.kind(), term.key()), sign, Integer::sum);
            hours.add(publishedAt, term, sign);
        }
    }

    /** Writes daily_terms and name_hours, then drops what is left at zero and the singletons of days past the window. */
    public void write(Connection connection) throws SQLException {
        hours.write(connection);
        List<Map.Entry<DayTerm, Integer>> changed = counts.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO daily_terms (channel_id, day, kind, key, posts)
                SELECT ?, day, kind, key, posts FROM unnest(?::date[], ?::text[], ?::text[], ?::int[])
                    AS change (day, kind, key, posts)
                ON CONFLICT (channel_id, day, kind, key) DO UPDATE SET posts = daily_terms.posts + EXCLUDED.posts""")) {
            upsert.setLong(1, channelId);
            upsert.setArray(2, connection.createArrayOf("date", changed.stream().map(e -> Date.valueOf(e.getKey().day())).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().kind()).toArray()));
            upsert.setArray(4, connection.createArrayOf("text", changed.stream().map(e -> e.getKey().key()).toArray()));
            upsert.setArray(5, connection.createArrayOf("integer", changed.stream().map(Map.Entry::getValue).toArray()));
            upsert.executeUpdate();
        }
        changed.forEach(e -> totals.add(e.getKey().day(), e.getKey().kind(), e.getKey().key(), e.getValue()));
        TreeSet<LocalDate> days = new TreeSet<>();
        changed.forEach(e -> days.add(e.getKey().day()));
        boolean removed = changed.stream().anyMatch(e -> e.getValue() < 0);
        if (!removed && !days.first().isBefore(keepSingletonsFrom)) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM daily_terms WHERE channel_id = ? AND day = ANY (?)
                    AND posts <= CASE WHEN day < ? THEN 1 ELSE 0 END RETURNING day, kind, key, posts""")) {
            delete.setLong(1, channelId);
            delete.setArray(2, connection.createArrayOf("date", days.stream().map(Date::valueOf).toArray()));
            delete.setObject(3, keepSingletonsFrom);
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    totals.add(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), -rs.getInt(4));
                }
            }
        }
    }

    /** Adds what {@link #write} changed to daily_term_totals: shared rows, so with the others at the end. */
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
        List<Map.Entry<Form, Integer>> all = forms.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(FORM_ORDER)).toList();
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO term_forms (kind, key, form, posts)
                SELECT kind, key, form, posts FROM unnest(?::text[], ?::text[], ?::text[], ?::int[])
                    WITH ORDINALITY AS change (kind, key, form, posts, position) ORDER BY position
                ON CONFLICT (kind, key, form) DO UPDATE SET posts = term_forms.posts + EXCLUDED.posts""")) {
            upsert.setArray(1, connection.createArrayOf("text", all.stream().map(e -> e.getKey().kind()).toArray()));
            upsert.setArray(2, connection.createArrayOf("text", all.stream().map(e -> e.getKey().key()).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", all.stream().map(e -> e.getKey().form()).toArray()));
            upsert.setArray(4, connection.createArrayOf("integer", all.stream().map(Map.Entry::getValue).toArray()));
            upsert.executeUpdate();
        }
    }
}
