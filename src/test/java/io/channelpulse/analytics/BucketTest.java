package io.channelpulse.analytics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class BucketTest {

    @ParameterizedTest
    @CsvSource({
            "day, 2023-05-17, 2023-05-17, 2023-05-18",
            "week, 2023-05-17, 2023-05-15, 2023-05-22",
            "week, 2023-05-15, 2023-05-15, 2023-05-22",
            "week, 2023-05-21, 2023-05-15, 2023-05-22",
            "week, 2024-01-02, 2024-01-01, 2024-01-08",
            "week, 2023-01-01, 2022-12-26, 2023-01-02",
            "month, 2023-05-17, 2023-05-01, 2023-06-01",
            "month, 2024-02-29, 2024-02-01, 2024-03-01",
    })
    void bucketsStartOnTheirFirstDay(String bucket, LocalDate day, LocalDate start, LocalDate next) {
        Bucket b = Bucket.of(bucket).orElseThrow();
        assertThat(b.start(day)).isEqualTo(start);
        assertThat(b.next(b.start(day))).isEqualTo(next);
    }
}
