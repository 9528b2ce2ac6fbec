package org.cartrial.outcomes.course.domain;

/** Cause of death as the protocol records it. */
public enum CauseOfDeath {
    DISEASE,
    CAR_T_RELATED,
    TRANSPLANT,
    OTHER
}
