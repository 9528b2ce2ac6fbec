package org.cartrial.localstack;

import java.util.Arrays;

/** The roles a token can carry; the site-bound ones act only for the sites listed in the token. */
public enum Role {

    SITE_COORDINATOR("site-coordinator", true),
    INVESTIGATOR("investigator", true),
    SAFETY_OFFICER("safety-officer", false),
    ANALYST("analyst", false),
    ADMIN("admin", false),
    /** The metrics scraper: {@code /actuator/prometheus} of each process, none of the trial's data. */
    MONITOR("monitor", false);

    private final String claim;
    private final boolean siteBound;

    Role(String claim, boolean siteBound) {
        this.claim = claim;
        this.siteBound = siteBound;
    }

    /** The value in the token's {@code roles} claim. */
    public String claim() {
        return claim;
    }

    public boolean siteBound() {
        return siteBound;
    }

    public static Role of(String claim) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(claim)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + claim + "'; one of "
                        + Arrays.stream(values()).map(Role::claim).toList()));
    }
}
