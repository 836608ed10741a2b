package io.channelpulse.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Samples indexes with the given weights: the skewed shares (channels, tags, names, reactions) real channels have. */
final class Zipf {

    private final double[] cumulative;

    Zipf(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** Weights {@code 1 / (rank + 1)^exponent} for ranks 0..n-1. */
    static Zipf ranks(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / Math.pow(i + 1, exponent);
        }
        return new Zipf(w);
    }

    int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }
}
