package io.channelpulse.network;

import java.util.Map;
import java.util.TreeMap;

/**
 * Forward lags in logarithmic buckets, so that the lags of any days and channels merge by adding counts per bucket
 * (the idea of DDSketch). Bucket 0 holds lags under a second; bucket {@code i >= 1} holds lags in
 * {@code (γ^(i-2), γ^(i-1)]} seconds with {@code γ = 1.01 / 0.99}, and stands for {@code 2γ^(i-1) / (γ + 1)}, which is
 * within 1% of every lag in it. So the median read back is within 1% of the exact median (for an even count, of
 * each of the two middle lags it averages), rounded to a whole second. Ten years of lag fit in under 1,000 buckets.
 */
public final class LagSketch {

    /** The relative error of a bucket's value. */
    public static final double RELATIVE_ERROR = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final TreeMap<Integer, Long> counts = new TreeMap<>();

    /** The bucket of a lag; a negative lag (a source dated after its forward, as clocks disagree) counts as under a second. */
    public static int bucket(long lagSeconds) {
        if (lagSeconds < 1) {
            return 0;
        }
        return 1 + (int) Math.ceil(Math.log(lagSeconds) / LOG_GAMMA - 1e-9);
    }

    /** The lag a bucket stands for, in seconds. */
    static double value(int bucket) {
        return bucket == 0 ? 0 : 2 * Math.pow(GAMMA, bucket - 1) / (GAMMA + 1);
    }

    /** Adds {@code forwards} lags of one bucket, as the rollup stores them. */
    public void add(int bucket, long forwards) {
        counts.merge(bucket, forwards, Long::sum);
    }

    /** The lags counted in one bucket. */
    long countIn(int bucket) {
        return counts.getOrDefault(bucket, 0L);
    }

    public long count() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The median lag in whole seconds, or null when there are no lags. */
    public Long median() {
        long n = count();
        if (n == 0) {
            return null;
        }
        double lower = valueAt((n - 1) / 2);
        double upper = valueAt(n / 2);
        return Math.round((lower + upper) / 2);
    }

    /** The value of the lag at a 0-based rank in lag order. */
    private double valueAt(long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (rank < seen) {
                return value(entry.getKey());
            }
        }
        throw new IllegalStateException("rank " + rank + " past " + seen + " lags");
    }
}
