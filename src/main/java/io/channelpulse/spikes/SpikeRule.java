package io.channelpulse.spikes;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

import java.util.Arrays;

/**
 * When a bucket's count is a spike: pure, so detection, alerts and tests agree.
 *
 * <p>The baseline is the key's count on each of the {@value #BASELINE_DAYS} days before the bucket's day. A bucket
 * expects {@code (sum + 0.5) / 28 / bucketsPerDay} posts: the half post keeps a key never seen before from
 * expecting exactly nothing, so its first burst gets a large but finite score. The baseline's days also give the
 * key's dispersion D = variance / mean (at least 1). The score is {@code -log10 P(X >= count)}, X negative binomial
 * with the expected mean and variance D times the mean, which is Poisson when D is 1: a key that is noisy from day
 * to day needs a larger jump than a steady one. A bucket is a spike when it has at least {@code minCount} posts,
 * more than expected, and a score of at least {@code minScore}, so 200 → 400 is one and 1 → 3 is not.
 */
final class SpikeRule {

    static final int BASELINE_DAYS = 28;

    /** What a score means when the tail probability is below what a double holds. */
    static final double MAX_SCORE = 300;

    record Verdict(double expected, double score, boolean spike) {
    }

    private final int minCount;
    private final double minScore;

    SpikeRule(int minCount, double minScore) {
        this.minCount = minCount;
        this.minScore = minScore;
    }

    /**
     * @param count         posts in the bucket
     * @param baseline      posts on each of the 28 days before the bucket's day
     * @param bucketsPerDay 1 for day buckets, 24 for hours
     */
    Verdict judge(long count, long[] baseline, int bucketsPerDay) {
        double dailyMean = (Arrays.stream(baseline).sum() + 0.5) / baseline.length;
        double variance = Arrays.stream(baseline).mapToDouble(c -> (c - dailyMean) * (c - dailyMean)).sum()
                / Math.max(1, baseline.length - 1);
        double dispersion = Math.max(1, variance / dailyMean);
        double expected = dailyMean / bucketsPerDay;
        double score = count <= expected ? 0 : score(count, expected, dispersion);
        return new Verdict(expected, score, count >= minCount && count > expected && score >= minScore);
    }

    /** -log10 of the upper tail P(X >= count). */
    static double score(long count, double expected, double dispersion) {
        double tail;
        if (dispersion <= 1) {
            // Poisson: P(X >= k) is the regularized lower incomplete gamma P(k, mean)
            tail = Gamma.regularizedGammaP(count, expected);
        } else {
            // negative binomial with size r = mean / (D - 1) and success probability 1 / D: P(X >= k) = I_{1-1/D}(k, r)
            tail = Beta.regularizedBeta(1 - 1 / dispersion, count, expected / (dispersion - 1));
        }
        return tail <= 0 ? MAX_SCORE : Math.min(MAX_SCORE, -Math.log10(tail));
    }
}
