package io.channelpulse.generate;

/** When in a UTC day people post, shared by how many posts a day gets and at which seconds they fall. */
final class DayRhythm {

    /** Relative posting activity per UTC hour: about 90% of posts fall between 07:00 and 22:00. */
    private static final double[] HOUR_WEIGHTS = {
            0.15, 0.08, 0.05, 0.05, 0.08, 0.20, 0.50, 0.90, 1.20, 1.40, 1.50, 1.40,
            1.30, 1.30, 1.40, 1.40, 1.30, 1.20, 1.10, 1.00, 0.90, 0.70, 0.45, 0.25};
    private static final double[] HOUR_CUMULATIVE = new double[25];

    static {
        for (int h = 0; h < 24; h++) {
            HOUR_CUMULATIVE[h + 1] = HOUR_CUMULATIVE[h] + HOUR_WEIGHTS[h];
        }
    }

    private DayRhythm() {
    }

    /** A whole day's activity. */
    static double dayMass() {
        return HOUR_CUMULATIVE[24];
    }

    /** Share of a day's activity between two seconds of the day. */
    static double hourMass(long fromSecond, long toSecond) {
        return massBefore(toSecond) - massBefore(fromSecond);
    }

    static double massBefore(long second) {
        if (second >= Span.DAY) {
            return HOUR_CUMULATIVE[24];
        }
        int h = (int) (second / 3600);
        return HOUR_CUMULATIVE[h] + HOUR_WEIGHTS[h] * (second % 3600) / 3600.0;
    }

    static long secondAtMass(double mass) {
        int h = 0;
        while (h < 23 && HOUR_CUMULATIVE[h + 1] <= mass) {
            h++;
        }
        long second = h * 3600L + (long) ((mass - HOUR_CUMULATIVE[h]) / HOUR_WEIGHTS[h] * 3600);
        return Math.min(second, Span.DAY - 1);
    }
}
