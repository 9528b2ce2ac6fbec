package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;

/**
 * Every figure of the outcomes read models at one data cut-off. Field names render to the names of the statistical
 * reference (snake case: conf_log, event_times, dfs_window_responders ...).
 */
public record OutcomeReport(LocalDate dataCutoff, CohortCounts counts, ResponseRate orr, SurvivalEndpoint os,
        SurvivalEndpoint efs, SurvivalEndpoint dfs, SurvivalEndpoint dfsWindowResponders, CumulativeIncidenceOfRelapse cir,
        ToxicityGrades crs, ToxicityGrades icans) {
}
