package org.cartrial.outcomes.analysis.domain;

/** Whether the relapsed blasts still express an antigen the CAR-T cells target (CD19, CD22). */
public enum AntigenStatus {
    POSITIVE, NEGATIVE;

    public static AntigenStatus parse(String text) {
        return switch (text) {
            case "positive" -> POSITIVE;
            case "negative" -> NEGATIVE;
            default -> throw new IllegalArgumentException("unknown antigen status: " + text);
        };
    }
}
