package org.cartrial.api.outcomes;

/** Response categories of the protocol (section 4). */
public enum ResponseCategory {
    CR,
    CRI,
    PR,
    NR;

    /** CR and CRi are the remissions that count for the ORR, DFS and CIR. */
    public boolean isRemission() {
        return this == CR || this == CRI;
    }

    /** Reads the spelling of case report forms and the reference cohort: CR, CRi, PR, NR. */
    public static ResponseCategory parse(String text) {
        return switch (text) {
            case "CR" -> CR;
            case "CRi" -> CRI;
            case "PR" -> PR;
            case "NR" -> NR;
            default -> throw new IllegalArgumentException("unknown response category: " + text);
        };
    }
}
