package io.channelpulse.terms;

/**
 * How much a term rose from the previous period to this one: Dunning's log-likelihood G² of the 2×2 table (posts
 * with and without the term, in each period), signed + when the term's share of posts grew and − when it fell. A
 * count far from what the previous share predicts scores high only when there are enough posts to tell it from
 * chance, so 200 → 400 ranks far above 1 → 3.
 */
public final class Keyness {

    private Keyness() {
    }

    /**
     * @param count    posts with the term in the period
     * @param previous posts with it in the period before
     * @param posts    all posts of the period
     * @param before   all posts of the period before
     * @return signed G², rounded to two decimals; 0 when either period has no posts
     */
    public static double score(long count, long previous, long posts, long before) {
        long total = posts + before;
        if (posts <= 0 || before <= 0) {
            return 0;
        }
        long without = Math.max(0, posts - count);
        long withoutBefore = Math.max(0, before - previous);
        double with = count + previous;
        double rest = without + withoutBefore;
        double g2 = 2 * (term(count, posts * with / total) + term(previous, before * with / total)
                + term(without, posts * rest / total) + term(withoutBefore, before * rest / total));
        if (g2 < 0.005) {
            return 0;
        }
        boolean rose = (double) count * before > (double) previous * posts;
        double signed = rose ? g2 : -g2;
        return Math.round(signed * 100) / 100.0;
    }

    private static double term(long observed, double expected) {
        return observed == 0 || expected <= 0 ? 0 : observed * Math.log(observed / expected);
    }
}
