package org.cartrial.safety.adverseevent.domain;

/** Why an adverse event is serious (ICH E2A); an adverse event is serious when at least one applies. */
public enum SeriousnessCriterion {
    DEATH,
    LIFE_THREATENING,
    /** Requires in-patient hospitalisation or prolongs an existing one. */
    HOSPITALISATION,
    PERSISTENT_OR_SIGNIFICANT_DISABILITY,
    CONGENITAL_ANOMALY,
    OTHER_IMPORTANT_MEDICAL_EVENT
}
