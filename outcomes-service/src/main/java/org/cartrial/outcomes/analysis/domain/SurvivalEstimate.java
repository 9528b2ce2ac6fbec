package org.cartrial.outcomes.analysis.domain;

import java.util.List;

/** A Kaplan-Meier curve with the intervals of one confidence type: median, landmarks, event times, full table. */
public record SurvivalEstimate(String confType, MedianSurvival median, List<LandmarkSurvival> landmarks,
        SurvivalTable eventTimes, SurvivalTable table) {
}
