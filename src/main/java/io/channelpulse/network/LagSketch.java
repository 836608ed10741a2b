package io.channelpulse.network;

import java.util.Arrays;

/**
 * Forward lags in logarithmic buckets, so that the lags of any days and channels merge by adding counts per bucket
 * (the idea of DDSketch). Bucket 0 holds lags under a second; bucket {@code i >= 1} holds lags in
 * {@code (γ^(i-2), γ^(i-1)]} seconds with {@code γ = 1.01 / 0.99}, and stands for {@code 2γ^(i-1) / (γ + 1)}, which is
 * within 1% of every lag in it. So the median read back is within 1% of the exact median (for an even count, of
 * each of the two middle lags it averages), rounded to a whole second. Ten years of lag fit in under 1,000 buckets.
 * A year of a large network merges tens of thousands of bucket rows into thousands of sketches, so the counts are
 * kept in plain arrays, appended as they come and put in bucket order once when read.
 */
public final class LagSketch {

    /** The relative error of a bucket's value. */
    public static final double RELATIVE_ERROR = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private int[] buckets = new int[4];
    private long[] counts = new long[4];
    private int size;
    private boolean ordered = true;

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
        if (size > 0 && buckets[size - 1] == bucket) {
            counts[size - 1] += forwards;
            return;
        }
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        ordered &= size == 0 || buckets[size - 1] < bucket;
        buckets[size] = bucket;
        counts[size++] = forwards;
    }

    /** The lags counted in one bucket. */
    long countIn(int bucket) {
        order();
        int at = Arrays.binarySearch(buckets, 0, size, bucket);
        return at < 0 ? 0 : counts[at];
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += counts[i];
        }
        return n;
    }

    /** The median lag in whole seconds, or null when there are no lags. */
    public Long median() {
        long n = count();
        if (n == 0) {
            return null;
        }
        order();
        double lower = valueAt((n - 1) / 2);
        double upper = valueAt(n / 2);
        return Math.round((lower + upper) / 2);
    }

    /** The value of the lag at a 0-based rank in lag order. */
    private double valueAt(long rank) {
        long seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (rank < seen) {
                return value(buckets[i]);
            }
        }
        throw new IllegalStateException("rank " + rank + " past " + seen + " lags");
    }

    /** Sorts the buckets and adds up the counts of a bucket added more than once. */
    private void order() {
        if (ordered) {
            return;
        }
        long[] keyed = new long[size];
        for (int i = 0; i < size; i++) {
            keyed[i] = (long) buckets[i] << 32 | i;
        }
        Arrays.sort(keyed);
        int[] sortedBuckets = new int[Math.max(size, 1)];
        long[] sortedCounts = new long[Math.max(size, 1)];
        int merged = 0;
        for (long key : keyed) {
            int bucket = (int) (key >>> 32);
            long count = counts[(int) key];
            if (merged > 0 && sortedBuckets[merged - 1] == bucket) {
                sortedCounts[merged - 1] += count;
            } else {
                sortedBuckets[merged] = bucket;
                sortedCounts[merged++] = count;
            }
        }
        buckets = sortedBuckets;
        counts = sortedCounts;
        size = merged;
        ordered = true;
    }
}
