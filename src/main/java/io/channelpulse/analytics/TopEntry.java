package io.channelpulse.analytics;

/**
 * One line of a top list: posts in the period, posts in the same length just before it, and how much it rose.
 * {@link #score(long, long)} is the rise in units of the noise one expects of a count of that size, so a
 * jump from 200 to 400 ranks far above one from 1 to 3.
 */
public record TopEntry(String key, String label, long count, long previous, double score) {

    /** (count − previous) / √(previous + 1), rounded to two decimals. */
    public static double score(long count, long previous) {
        double raw = (count - previous) / Math.sqrt(previous + 1.0);
        return Math.round(raw * 100) / 100.0;
    }
}
