package org.cartrial.support.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the trial, as they appear in the token's {@code roles} claim. */
public enum TrialRole {
    SITE_COORDINATOR("site-coordinator"),
    INVESTIGATOR("investigator"),
    SAFETY_OFFICER("safety-officer"),
    ANALYST("analyst"),
    ADMIN("admin"),
    /** Prometheus and its like: reads the metrics endpoint and nothing of the trial's data. */
    MONITOR("monitor");

    private final String claimValue;

    TrialRole(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    /** The Spring Security authority, e.g. {@code ROLE_SITE_COORDINATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isSiteBound() {
        return this == SITE_COORDINATOR || this == INVESTIGATOR;
    }

    public static Optional<TrialRole> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
