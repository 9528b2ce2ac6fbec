package org.cartrial.outcomes.analysis.domain;

/**
 * Who is in the analysis at the cut-off and what was recorded for them by then. Every count after {@code infused}
 * is among infused subjects; {@code zeroFollowup} counts those censored for OS on day 0.
 */
public record CohortCounts(int enrolled, int infused, int notInfusedOrAfterCutoff, int deaths, int relapses,
        int cd22Infused, int relapseCd19Negative, int relapseCd22Negative, int withdrawn, int zeroFollowup) {
}
