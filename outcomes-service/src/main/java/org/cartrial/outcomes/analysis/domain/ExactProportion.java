package org.cartrial.outcomes.analysis.domain;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A proportion with its exact Clopper-Pearson 95% CI, as R's {@code binom.test(x, n)$conf.int} gives it: the
 * alpha/2 quantile of Beta(x, n - x + 1) and the 1 - alpha/2 quantile of Beta(x + 1, n - x), with 0 and 1 at the
 * ends. All three are absent when n is 0.
 */
public record ExactProportion(int count, int n, Double proportion, Double lower, Double upper) {

    static final double CONFIDENCE_LEVEL = 0.95;

    public static ExactProportion of(int count, int n) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("count " + count + " out of 0.." + n);
        }
        if (n == 0) {
            return new ExactProportion(0, 0, null, null, null);
        }
        double alpha = 1 - CONFIDENCE_LEVEL;
        double lower = count == 0 ? 0 : BetaDistribution.of(count, n - count + 1.0).inverseCumulativeProbability(alpha / 2);
        double upper = count == n ? 1
                : BetaDistribution.of(count + 1.0, n - count).inverseCumulativeProbability(1 - alpha / 2);
        return new ExactProportion(count, n, (double) count / n, lower, upper);
    }
}
