package io.channelpulse.spikes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpikeRuleTest {

    private final SpikeRule rule = new SpikeRule(5, 6);

    private static long[] flat(long perDay) {
        long[] days = new long[SpikeRule.BASELINE_DAYS];
        Arrays.fill(days, perDay);
        return days;
    }

    @ParameterizedTest(name = "{0}/day for 28 days, then {1} in a {2}-per-day bucket: spike {3}")
    @CsvSource({
            // doubling a big steady count is a spike
            "200, 400, 1, true",
            // a small jump is not, however large in ratio: too few posts and a weak score
            "1, 3, 1, false",
            // a new key: 14 posts in a day after 28 quiet days
            "0, 14, 1, true",
            // a new key below the minimum count
            "0, 4, 1, false",
            // the usual day of a steady series
            "200, 200, 1, false",
            "200, 215, 1, false",
            // a quiet day is never a spike
            "200, 0, 1, false",
            // hours expect a 24th of a day: 40 posts in an hour of a 48-a-day key is a spike, 4 is not
            "48, 40, 24, true",
            "48, 4, 24, false",
    })
    void judgesBucketsAgainstTheBaseline(long perDay, long count, int bucketsPerDay, boolean spike) {
        SpikeRule.Verdict verdict = rule.judge(count, flat(perDay), bucketsPerDay);
        assertThat(verdict.spike()).isEqualTo(spike);
        assertThat(verdict.expected()).isCloseTo((perDay * 28 + 0.5) / 28 / bucketsPerDay, within(1e-9));
    }

    @Test
    void twoHundredToFourHundredBeatsOneToThree() {
        SpikeRule.Verdict big = rule.judge(400, flat(200), 1);
        SpikeRule.Verdict small = rule.judge(3, flat(1), 1);
        assertThat(big.score()).isGreaterThan(small.score());
        assertThat(big.spike()).isTrue();
        assertThat(small.spike()).isFalse();
    }

    @Test
    void aFlatSeriesYieldsNoSpikeOnAnyDay() {
        long[] series = LongStream.generate(() -> 37).limit(90).toArray();
        for (int day = SpikeRule.BASELINE_DAYS; day < series.length; day++) {
            long[] baseline = Arrays.copyOfRange(series, day - SpikeRule.BASELINE_DAYS, day);
            assertThat(rule.judge(series[day], baseline, 1).spike()).as("day %d", day).isFalse();
            assertThat(rule.judge(series[day] / 24 + 1, baseline, 24).spike()).as("an hour of day %d", day).isFalse();
        }
    }

    @Test
    void aNoisyKeyNeedsALargerJumpThanASteadyOne() {
        long[] steady = flat(20);
        long[] noisy = new long[SpikeRule.BASELINE_DAYS];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = i % 2 == 0 ? 5 : 35;
        }
        assertThat(rule.judge(50, steady, 1).spike()).isTrue();
        assertThat(rule.judge(50, noisy, 1).spike()).isFalse();
        assertThat(rule.judge(50, noisy, 1).score()).isLessThan(rule.judge(50, steady, 1).score());
    }

    @Test
    void theNewKeysScoreIsLargeButFinite() {
        double score = rule.judge(14, flat(0), 1).score();
        assertThat(score).isGreaterThan(20).isLessThan(SpikeRule.MAX_SCORE);
    }
}
