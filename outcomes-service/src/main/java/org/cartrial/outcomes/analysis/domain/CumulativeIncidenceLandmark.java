package org.cartrial.outcomes.analysis.domain;

/** Cumulative incidence of relapse and of death in remission at a landmark, and the number still at risk. */
public record CumulativeIncidenceLandmark(int months, double time, Integer nRisk, StateProbability relapse,
        StateProbability deathWithoutRelapse) {
}
