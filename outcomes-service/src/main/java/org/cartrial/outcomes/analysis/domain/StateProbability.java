package org.cartrial.outcomes.analysis.domain;

/** The probability of having entered a state by some time, with its standard error and 95% log interval. */
public record StateProbability(Double cuminc, Double stdErr, Double lower, Double upper) {

    static final StateProbability NOT_AVAILABLE = new StateProbability(null, null, null, null);

    static StateProbability of(double cuminc, double stdErr) {
        ConfidenceLimits limits = ConfidenceType.LOG.aroundProbability(cuminc, stdErr);
        return new StateProbability(cuminc, stdErr, limits.lower(), limits.upper());
    }
}
