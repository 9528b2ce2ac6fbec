package org.cartrial.outcomes.analysis.domain;

/**
 * Survival at a landmark with its standard error and 95% CI, and the number still at risk; every value is
 * {@code null} when the landmark lies beyond the last observed time.
 */
public record LandmarkSurvival(int months, double time, Integer nRisk, Double surv, Double stdErr, Double lower,
        Double upper) {

    public boolean reached() {
        return surv != null;
    }
}
