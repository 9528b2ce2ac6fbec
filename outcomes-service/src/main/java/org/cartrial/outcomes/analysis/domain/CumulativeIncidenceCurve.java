package org.cartrial.outcomes.analysis.domain;

import java.util.List;

/**
 * The Aalen-Johansen curves column by column: time, number at risk, both cumulative incidences, and the 95% log
 * interval of the relapse incidence (null where the incidence is still 0, as R gives NA).
 */
public record CumulativeIncidenceCurve(List<Double> time, List<Integer> nRisk, List<Double> relapse,
        List<Double> deathWithoutRelapse, List<Double> relapseLower, List<Double> relapseUpper) {
}
