package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The thresholds of one protocol version that decide eligibility. Age bounds are inclusive; antigen expression
 * must be strictly above its threshold (protocol 1: "each must be > 95%").
 */
public record EligibilitySettings(
        String protocolVersion,
        BigDecimal minAgeYears,
        BigDecimal maxAgeYears,
        BigDecimal cd19ExpressionAbovePercent,
        BigDecimal cd22ExpressionAbovePercent) {

    /** The protocol's defaults (version 1.0). */
    public static final EligibilitySettings PROTOCOL_1_0 = new EligibilitySettings("1.0",
            new BigDecimal("1"), new BigDecimal("18"), new BigDecimal("95"), new BigDecimal("95"));

    public EligibilitySettings {
        Objects.requireNonNull(protocolVersion);
        Objects.requireNonNull(minAgeYears);
        Objects.requireNonNull(maxAgeYears);
        Objects.requireNonNull(cd19ExpressionAbovePercent);
        Objects.requireNonNull(cd22ExpressionAbovePercent);
    }
}
