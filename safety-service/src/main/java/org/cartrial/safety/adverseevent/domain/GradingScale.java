package org.cartrial.safety.adverseevent.domain;

/** The scale an adverse event's grade comes from. */
public enum GradingScale {
    /** Typed by the site, CTCAE v5.0 grades 1-5. */
    CTCAE_V5,
    /** Computed from the ASTCT 2019 CRS findings. */
    ASTCT_2019_CRS,
    /** Computed from the ASTCT 2019 ICANS findings. */
    ASTCT_2019_ICANS
}
