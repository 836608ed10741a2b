package io.channelpulse.analytics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopEntryTest {

    @Test
    void aBigRiseOutranksASmallOneOfTheSameRatio() {
        assertThat(TopEntry.score(400, 200)).isGreaterThan(TopEntry.score(3, 1));
        assertThat(TopEntry.score(40, 20)).isGreaterThan(TopEntry.score(3, 1));
        assertThat(TopEntry.score(3, 1)).isGreaterThan(TopEntry.score(2, 1));
    }

    @ParameterizedTest
    @CsvSource({
            "400, 200, 14.11",
            "3, 1, 1.41",
            "5, 0, 5.0",
            "10, 10, 0.0",
            "0, 8, -2.67",
    })
    void scoreIsTheRiseOverTheNoiseOfThePreviousCount(long count, long previous, double score) {
        assertThat(TopEntry.score(count, previous)).isEqualTo(score);
    }
}
