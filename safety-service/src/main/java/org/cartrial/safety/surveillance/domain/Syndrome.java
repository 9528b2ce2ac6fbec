package org.cartrial.safety.surveillance.domain;

/** The CAR-T syndromes under surveillance after an infusion, both graded by ASTCT 2019 (protocol section 3). */
public enum Syndrome {
    /** Cytokine release syndrome. */
    CRS,
    /** Immune effector cell-associated neurotoxicity syndrome. */
    ICANS
}
