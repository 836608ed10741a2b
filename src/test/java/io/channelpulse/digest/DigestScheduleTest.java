package io.channelpulse.digest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule with the clock moved: no waiting, only instants. */
class DigestScheduleTest {

    static final LocalTime SEVEN = LocalTime.of(7, 0);
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void yesterdayIsDueFromTheDigestTimeOnInTheConfiguredZone() {
        LocalDate day = LocalDate.parse("2023-05-17");
        // 07:00 in Moscow is 04:00 UTC
        assertThat(DigestSchedule.isDue(day, Instant.parse("2023-05-18T03:59:59Z"), SEVEN, MOSCOW)).isFalse();
        assertThat(DigestSchedule.isDue(day, Instant.parse("2023-05-18T04:00:00Z"), SEVEN, MOSCOW)).isTrue();
        assertThat(DigestSchedule.latestDueDay(Instant.parse("2023-05-18T03:59:59Z"), SEVEN, MOSCOW))
                .isEqualTo("2023-05-16");
        assertThat(DigestSchedule.latestDueDay(Instant.parse("2023-05-18T04:00:00Z"), SEVEN, MOSCOW))
                .isEqualTo("2023-05-17");
        assertThat(DigestSchedule.latestDueDay(Instant.parse("2023-05-18T23:59:00Z"), SEVEN, MOSCOW))
                .as("00:59 on the 19th in Moscow: not yet 07:00").isEqualTo("2023-05-17");
    }

    @Test
    void theSendTimeFollowsDaylightSavingTime() {
        // New York: EDT (UTC-4) in May, EST (UTC-5) in January
        assertThat(DigestSchedule.sendTime(LocalDate.parse("2023-05-17"), SEVEN, NEW_YORK))
                .isEqualTo("2023-05-18T11:00:00Z");
        assertThat(DigestSchedule.sendTime(LocalDate.parse("2024-01-10"), SEVEN, NEW_YORK))
                .isEqualTo("2024-01-11T12:00:00Z");
        // 02:30 does not exist on 2024-03-10 there; it goes out at the first valid time
        assertThat(DigestSchedule.sendTime(LocalDate.parse("2024-03-09"), LocalTime.of(2, 30), NEW_YORK))
                .isEqualTo("2024-03-10T07:30:00Z");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(DigestSender.backoff(1)).hasMinutes(5);
        assertThat(DigestSender.backoff(2)).hasMinutes(10);
        assertThat(DigestSender.backoff(3)).hasMinutes(20);
        assertThat(DigestSender.backoff(20)).hasHours(6);
    }
}
