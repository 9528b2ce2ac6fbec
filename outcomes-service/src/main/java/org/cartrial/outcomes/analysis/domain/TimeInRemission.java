package org.cartrial.outcomes.analysis.domain;

import java.util.Objects;

/** Days from the first CR/CRi to relapse, death in remission or censoring: one subject's CIR observation. */
public record TimeInRemission(double time, RemissionOutcome outcome) {

    public TimeInRemission {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** DFS counts relapse and death alike. */
    public TimeToEvent diseaseFree() {
        return new TimeToEvent(time, outcome != RemissionOutcome.CENSORED);
    }
}
