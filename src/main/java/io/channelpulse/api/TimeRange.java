package io.channelpulse.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The period a request asks about: {@code from}/{@code to} as ISO dates (whole days in the configured zone,
 * both included) or instants, or {@code range=7d|30d|90d|1y|all} ending now. Unbounded ends are null.
 */
public record TimeRange(Instant from, Instant to) {

    /** Ranges are whole days in the zone, today included: 7d is today and the six days before. */
    private static final Map<String, Integer> RANGES = Map.of("7d", 7, "30d", 30, "90d", 90, "1y", 365);

    public static TimeRange parse(String from, String to, String range, ZoneId zone, Clock clock) {
        if (present(range)) {
            if (present(from) || present(to)) {
                throw new BadParameterException("range", "give either range or from/to, not both");
            }
            if (range.equals("all")) {
                return new TimeRange(null, null);
            }
            Integer days = RANGES.get(range);
            if (days == null) {
                throw new BadParameterException("range", "'" + range + "' is not one of 7d, 30d, 90d, 1y, all");
            }
            LocalDate today = LocalDate.now(clock.withZone(zone));
            return new TimeRange(today.minusDays(days - 1L).atStartOfDay(zone).toInstant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant());
        }
        Instant start = present(from) ? instant("from", from, zone, false) : null;
        Instant end = present(to) ? instant("to", to, zone, true) : null;
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadParameterException("to", "must be after from");
        }
        return new TimeRange(start, end);
    }

    /** A date covers its whole day, so the end of a {@code to} date is the start of the next day (exclusive). */
    private static Instant instant(String name, String value, ZoneId zone, boolean end) {
        try {
            LocalDate date = LocalDate.parse(value);
            return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                throw new BadParameterException(name, "'" + value
                        + "' is not an ISO date (2024-03-01) or date-time (2024-03-01T10:00:00Z)");
            }
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
