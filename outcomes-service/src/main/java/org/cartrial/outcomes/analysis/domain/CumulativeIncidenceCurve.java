package org.cartrial.outcomes.analysis.domain;

import java.util.List;

/** The Aalen-Johansen curves column by column: time, number at risk, and both cumulative incidences. */
public record CumulativeIncidenceCurve(List<Double> time, List<Integer> nRisk, List<Double> relapse,
        List<Double> deathWithoutRelapse) {
}
