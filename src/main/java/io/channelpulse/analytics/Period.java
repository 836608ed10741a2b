package io.channelpulse.analytics;

import io.channelpulse.api.TimeRange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The local days a request covers, from {@code from}/{@code to}/{@code range}; the last 30 days when it names
 * none. {@code all} runs from the first day with posts.
 */
public record Period(LocalDate first, LocalDate last, boolean all) {

    public static Period resolve(String from, String to, String range, List<Long> channelIds, ZoneId zone,
                                 SeriesQuery series) {
        Clock clock = Clock.system(zone);
        boolean nothingGiven = blank(from) && blank(to) && blank(range);
        TimeRange period = TimeRange.parse(from, to, nothingGiven ? "30d" : range, zone, clock);
        LocalDate today = LocalDate.now(clock);
        LocalDate last = period.to() == null ? today : LocalDate.ofInstant(period.to().minusNanos(1), zone);
        boolean all = period.from() == null;
        LocalDate first = all ? series.firstDay(channelIds).orElse(last) : LocalDate.ofInstant(period.from(), zone);
        return new Period(first.isAfter(last) ? last : first, last, all);
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    /** The first day of the period of the same length just before this one; null for {@code all}. */
    public LocalDate previousFirst() {
        return all ? null : first.minusDays(days());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
