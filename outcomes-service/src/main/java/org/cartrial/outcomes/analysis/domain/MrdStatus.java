package org.cartrial.outcomes.analysis.domain;

/** Minimal residual disease by flow cytometry: negative below 0.01% (protocol section 4). */
public enum MrdStatus {
    NEGATIVE, POSITIVE;

    public static MrdStatus parse(String text) {
        return switch (text) {
            case "negative" -> NEGATIVE;
            case "positive" -> POSITIVE;
            default -> throw new IllegalArgumentException("unknown MRD status: " + text);
        };
    }
}
