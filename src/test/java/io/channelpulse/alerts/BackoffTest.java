package io.channelpulse.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @ParameterizedTest(name = "after attempt {0}: {1} min")
    @CsvSource({"1, 1", "2, 2", "3, 4", "6, 32", "7, 60", "30, 60", "0, 1"})
    void doublesFromTheFirstPauseUpToAnHour(int attempts, long minutes) {
        assertThat(Backoff.after(Duration.ofMinutes(1), attempts)).isEqualTo(Duration.ofMinutes(minutes));
    }
}
