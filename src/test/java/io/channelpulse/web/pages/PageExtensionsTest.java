package io.channelpulse.web.pages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** How pages print numbers and times. */
class PageExtensionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0",
            "7 | 7",
            "999 | 999",
            "1000 | 1,000",
            "12400 | 12,400",
            "136488052 | 136,488,052",
            "-4500 | -4,500",
            "-999 | -999",
            "-9223372036854775808 | -9,223,372,036,854,775,808",
            "9223372036854775807 | 9,223,372,036,854,775,807",
    })
    void groupedPutsCommasBetweenThousands(long n, String expected) {
        assertThat(PageExtensions.grouped(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0",
            "843 | 843",
            "9999 | 9,999",
            "10000 | 10K",
            "12400 | 12.4K",
            "12449 | 12.4K",
            "12450 | 12.5K",
            "6990 | 6,990",
            "99999 | 100K",
            "999949 | 999.9K",
            "999950 | 1M",
            "1000000 | 1M",
            "1200000 | 1.2M",
            "136488052 | 136.5M",
            "999999999 | 1B",
            "2500000000 | 2.5B",
            "-12400 | -12.4K",
            "9223372036854775807 | 9223372T",
    })
    void compactShortensLargeCountsToOneDecimal(long n, String expected) {
        assertThat(PageExtensions.compact(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-01T19:06:58Z | UTC | 1 Dec 2026, 19:06",
            "2026-12-01T19:06:58Z | Europe/Moscow | 1 Dec 2026, 22:06",
            "2026-12-01T23:30:00Z | Europe/Berlin | 2 Dec 2026, 00:30",
            "2023-05-17T09:05:00Z | America/New_York | 17 May 2023, 05:05",
            "2023-01-09T00:00:00Z | Asia/Kolkata | 9 Jan 2023, 05:30",
    })
    void timeReadsAsPeopleReadItInTheZone(String instant, String zone, String expected) {
        assertThat(PageExtensions.time(Instant.parse(instant), ZoneId.of(zone))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0",
            "0.04 | 0",
            "-0.04 | 0",
            "2.83 | +2.8",
            "2.85 | +2.9",
            "-0.71 | -0.7",
            "14.14 | +14.1",
            "2067 | '+2,067.0'",
            "-1234.56 | '-1,234.6'",
    })
    void scoreHasOneDecimalAndASign(double score, String expected) {
        assertThat(PageExtensions.score(score)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void noTimeIsBlank() {
        assertThat(PageExtensions.time(null, ZoneId.of("UTC"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0 s later",
            "40 | 40 s later",
            "60 | 1 min later",
            "1800 | 30 min later",
            "2100 | 35 min later",
            "3600 | 1 h later",
            "7500 | 2 h 5 min later",
            "172800 | 2 days later",
            "-5 | before it",
    })
    void laterSaysHowLongAfter(long seconds, String expected) {
        assertThat(PageExtensions.later(seconds)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource(delimiter = '|', value = {
            "59 | 59 s later",
            "1790 | 30 min later",
            "1769 | 29 min later",
            "7470 | 2 h 5 min later",
            "172790 | 2 days later",
            "255000 | 3 days later",
    })
    void aMedianLagIsRoundedToTheUnitItIsShownIn(long seconds, String expected) {
        assertThat(PageExtensions.aboutLater(seconds)).isEqualTo(expected);
    }
}
