package org.cartrial.outcomes.analysis.domain;

import java.util.Collection;
import java.util.List;

/** The CIR endpoint: relapse with death in remission as the competing risk, estimated by Aalen-Johansen. */
public record CumulativeIncidenceOfRelapse(String confType, int n, int relapses, int deathsWithoutRelapse,
        int censored, List<CumulativeIncidenceLandmark> landmarks, CumulativeIncidenceCurve curve) {

    public static CumulativeIncidenceOfRelapse of(Collection<TimeInRemission> observations, List<Landmark> landmarks) {
        AalenJohansen fit = AalenJohansen.fit(observations);
        return new CumulativeIncidenceOfRelapse(ConfidenceType.LOG.label(), observations.size(),
                count(observations, RemissionOutcome.RELAPSE), count(observations, RemissionOutcome.DEATH_IN_REMISSION),
                count(observations, RemissionOutcome.CENSORED), landmarks.stream().map(fit::at).toList(), fit.curve());
    }

    private static int count(Collection<TimeInRemission> observations, RemissionOutcome outcome) {
        return (int) observations.stream().filter(o -> o.outcome() == outcome).count();
    }
}
