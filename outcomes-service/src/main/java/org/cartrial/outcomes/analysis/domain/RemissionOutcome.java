package org.cartrial.outcomes.analysis.domain;

/** How time in remission ended: relapse (the event of interest), death in remission (competing), or censoring. */
public enum RemissionOutcome {
    CENSORED, RELAPSE, DEATH_IN_REMISSION
}
