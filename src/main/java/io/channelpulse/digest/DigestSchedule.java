package io.channelpulse.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When the digest of a day is due: at {@code pulse.digest.time} on the next day, local time. Pure, for tests. */
public final class DigestSchedule {

    private DigestSchedule() {
    }

    /** The instant the digest of {@code day} goes out (on a DST gap, the first valid time after). */
    public static Instant sendTime(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day.plusDays(1), time, zone).toInstant();
    }

    public static boolean isDue(LocalDate day, Instant now, LocalTime time, ZoneId zone) {
        return !now.isBefore(sendTime(day, time, zone));
    }

    /** The newest day whose digest is due at {@code now}: yesterday once the time has passed, else the day before. */
    public static LocalDate latestDueDay(Instant now, LocalTime time, ZoneId zone) {
        LocalDate yesterday = now.atZone(zone).toLocalDate().minusDays(1);
        return isDue(yesterday, now, time, zone) ? yesterday : yesterday.minusDays(1);
    }
}
