package io.channelpulse.network;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LagSketchTest {

    @Test
    void noLagsNoMedian() {
        assertThat(new LagSketch().median()).isNull();
    }

    @Test
    void everyLagIsWithinOnePercentOfItsBucket() {
        for (long lag = 1; lag < 400_000_000L; lag = lag + 1 + lag / 97) {
            assertThat(LagSketch.value(LagSketch.bucket(lag))).as("lag %d", lag)
                    .isCloseTo(lag, within(lag * LagSketch.RELATIVE_ERROR + 1e-9));
        }
        assertThat(LagSketch.bucket(0)).isZero();
        assertThat(LagSketch.bucket(-30)).as("a source dated after its forward").isZero();
        assertThat(LagSketch.bucket(10L * 365 * 86_400)).isLessThan(1_000);
    }

    @Test
    void smallLagsAreExact() {
        LagSketch sketch = new LagSketch();
        sketch.add(LagSketch.bucket(7), 1);
        assertThat(sketch.median()).isEqualTo(7);
    }

    @Test
    void anEvenCountAveragesTheTwoMiddleLags() {
        LagSketch sketch = new LagSketch();
        sketch.add(LagSketch.bucket(600), 1);
        sketch.add(LagSketch.bucket(3000), 1);
        assertThat(sketch.median()).isCloseTo(1800, within(19L));
    }

    /** Sketches of parts merge into the sketch of the whole, and its median is within 1% of the exact one. */
    @Test
    void mergedSketchesKeepTheMedianWithinOnePercent() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            long[] lags = new long[n];
            LagSketch[] days = {new LagSketch(), new LagSketch(), new LagSketch()};
            for (int i = 0; i < n; i++) {
                lags[i] = (long) Math.exp(random.nextDouble() * Math.log(30L * 86_400));
                days[random.nextInt(days.length)].add(LagSketch.bucket(lags[i]), 1);
            }
            LagSketch whole = new LagSketch();
            for (LagSketch day : days) {
                for (int bucket = 0; bucket < 1_000; bucket++) {
                    long count = day.countIn(bucket);
                    if (count > 0) {
                        whole.add(bucket, count);
                    }
                }
            }
            Arrays.sort(lags);
            double exact = (lags[(n - 1) / 2] + lags[n / 2]) / 2.0;
            assertThat(whole.count()).isEqualTo(n);
            assertThat((double) whole.median()).as("lags %s", Arrays.toString(lags))
                    .isCloseTo(exact, within(exact * LagSketch.RELATIVE_ERROR + 0.5));
        }
    }
}
