package io.channelpulse.analytics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TopQuerySplitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2023-05-01 | 2023-07-31 | 2023-05-01 2023-06-01 2023-07-01 | ",
            "2023-01-29 | 2023-04-30 | 2023-02-01 2023-03-01 2023-04-01 | 2023-01-29..2023-01-31",
            "2025-11-27 | 2026-11-26 | 2025-12-01 2026-01-01 2026-02-01 2026-03-01 2026-04-01 2026-05-01 2026-06-01 2026-07-01 2026-08-01 2026-09-01 2026-10-01 | 2025-11-27..2025-11-30 2026-11-01..2026-11-26",
            "2023-05-10 | 2023-05-20 | | 2023-05-10..2023-05-20",
            "2023-05-10 | 2023-06-05 | | 2023-05-10..2023-06-05",
            "2024-02-01 | 2024-02-29 | 2024-02-01 | ",
    })
    void wholeMonthsComeFromMonthlyTotalsAndTheRestFromDays(LocalDate from, LocalDate to, String months, String edges) {
        List<LocalDate> wholeMonths = new ArrayList<>();
        List<LocalDate[]> days = new ArrayList<>();
        TopQuery.split(from, to, wholeMonths, days);
        assertThat(wholeMonths.stream().map(LocalDate::toString).collect(Collectors.joining(" ")))
                .isEqualTo(months == null ? "" : months);
        assertThat(days.stream().map(d -> d[0] + ".." + d[1]).collect(Collectors.joining(" ")))
                .isEqualTo(edges == null ? "" : edges);
        long covered = wholeMonths.stream().mapToLong(m -> m.lengthOfMonth()).sum()
                + days.stream().mapToLong(d -> d[1].toEpochDay() - d[0].toEpochDay() + 1).sum();
        assertThat(covered).as("every day exactly once").isEqualTo(to.toEpochDay() - from.toEpochDay() + 1);
    }
}
