package io.channelpulse.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class AlertScheduleTest {

    @ParameterizedTest(name = "{0} in {1}: hour from {2}, day {3}")
    @CsvSource({
            "2024-02-15T10:05:00Z, UTC, 2024-02-15T09:00:00Z, 2024-02-14",
            "2024-02-15T00:20:00Z, UTC, 2024-02-14T23:00:00Z, 2024-02-14",
            "2024-02-15T21:20:00Z, Europe/Moscow, 2024-02-15T20:00:00Z, 2024-02-15",
            "2024-02-15T10:05:00Z, Asia/Kolkata, 2024-02-15T08:30:00Z, 2024-02-14"})
    void theHourAndTheDayThatJustEnded(String now, String zone, String hour, String day) {
        assertThat(AlertSchedule.previousHour(Instant.parse(now), ZoneId.of(zone))).isEqualTo(Instant.parse(hour));
        assertThat(AlertSchedule.previousDay(Instant.parse(now), ZoneId.of(zone))).isEqualTo(LocalDate.parse(day));
    }
}
