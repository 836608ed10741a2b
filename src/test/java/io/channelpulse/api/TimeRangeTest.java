package io.channelpulse.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Test
    void datesAreWholeDaysInTheConfiguredZoneWithToIncluded() {
        TimeRange range = TimeRange.parse("2024-03-01", "2024-03-02", null, MOSCOW, CLOCK);
        assertThat(range.from()).isEqualTo(Instant.parse("2024-02-29T21:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2024-03-02T21:00:00Z"));
    }

    @Test
    void dateTimesAreTakenAsGiven() {
        TimeRange range = TimeRange.parse("2024-03-01T10:00:00+03:00", "2024-03-01T12:00:00Z", null, MOSCOW, CLOCK);
        assertThat(range.from()).isEqualTo(Instant.parse("2024-03-01T07:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"7d, 2024-03-03T21:00:00Z", "30d, 2024-02-09T21:00:00Z", "90d, 2023-12-11T21:00:00Z",
            "1y, 2023-03-11T21:00:00Z"})
    void rangesAreWholeDaysEndingWithToday(String range, Instant from) {
        // 2024-03-10T12:00Z is 15:00 in Moscow; 7d covers March 4th to 10th there
        assertThat(TimeRange.parse(null, null, range, MOSCOW, CLOCK))
                .isEqualTo(new TimeRange(from, Instant.parse("2024-03-10T21:00:00Z")));
    }

    @Test
    void allAndNothingAreUnbounded() {
        assertThat(TimeRange.parse(null, null, "all", MOSCOW, CLOCK)).isEqualTo(new TimeRange(null, null));
        assertThat(TimeRange.parse(null, "", " ", MOSCOW, CLOCK)).isEqualTo(new TimeRange(null, null));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "yesterday, null, null, from:",
            "null, 2024-02-30, null, to:",
            "2024-03-02, 2024-03-01, null, to:",
            "null, null, 2w, range:",
            "2024-03-01, null, 7d, range:",
    })
    void badValuesNameTheirParameter(String from, String to, String range, String named) {
        assertThatThrownBy(() -> TimeRange.parse(from, to, range, MOSCOW, CLOCK))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith(named);
    }
}
