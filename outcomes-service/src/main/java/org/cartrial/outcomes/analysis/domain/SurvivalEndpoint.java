package org.cartrial.outcomes.analysis.domain;

import java.util.Collection;
import java.util.List;

/**
 * A time-to-event endpoint (OS, DFS) of the analysis population: its size, events and the Kaplan-Meier estimate
 * with log intervals (the default) and log-log intervals.
 */
public record SurvivalEndpoint(int n, int events, int censored, Double maxTime, Double minTime,
        SurvivalEstimate confLog, SurvivalEstimate confLoglog) {

    public static SurvivalEndpoint of(Collection<TimeToEvent> observations, List<Landmark> landmarks) {
        KaplanMeier fit = KaplanMeier.fit(observations);
        int events = (int) observations.stream().filter(TimeToEvent::event).count();
        Double maxTime = observations.stream().mapToDouble(TimeToEvent::time).boxed().max(Double::compare).orElse(null);
        Double minTime = observations.stream().mapToDouble(TimeToEvent::time).boxed().min(Double::compare).orElse(null);
        return new SurvivalEndpoint(observations.size(), events, observations.size() - events, maxTime, minTime,
                fit.estimate(ConfidenceType.LOG, landmarks), fit.estimate(ConfidenceType.LOG_LOG, landmarks));
    }
}
