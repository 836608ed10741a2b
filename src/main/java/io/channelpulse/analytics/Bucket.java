package io.channelpulse.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Time buckets of a series, in {@code pulse.timezone}: weeks are ISO weeks starting on Monday. */
public enum Bucket {
    HOUR,
    DAY,
    WEEK,
    MONTH;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Bucket> of(String value) {
        return Arrays.stream(values()).filter(b -> b.value().equals(value)).findFirst();
    }

    /** The first day of the bucket holding {@code day}; hours are handled apart. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case HOUR, DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case HOUR, DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
