package org.cartrial.outcomes.analysis.domain;

/** The median time and its 95% CI from the confidence band; {@code null} where it is not reached. */
public record MedianSurvival(Double time, Double lower, Double upper) {
}
