package org.cartrial.enrollment.protocol.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Every threshold of protocol sections 1-2, as one version of the protocol with the date it takes effect.
 * Decisions record the version they used; an amendment adds a version and never changes an old one.
 */
public record ProtocolSettings(
        String version,
        LocalDate effectiveFrom,
        BigDecimal minAgeYears,
        BigDecimal maxAgeYears,
        BigDecimal cd19ExpressionAbovePercent,
        BigDecimal cd22ExpressionAbovePercent,
        int mrdPositiveMoreThanMonths,
        BigDecimal lanskyBelowAgeYears,
        int minLansky,
        int minKarnofsky,
        int maxEcog,
        BigDecimal assentFromAgeYears,
        BigDecimal minDose10e6CellsPerKg,
        BigDecimal maxDose10e6CellsPerKg) {

    /**
     * The protocol's defaults. Karnofsky is not given a bound by the protocol; 50 is the Karnofsky value that
     * ECOG 2 (the ECOG bound) corresponds to, and mirrors the Lansky bound used under 16.
     */
    public static final ProtocolSettings VERSION_1_0 = new ProtocolSettings("1.0", LocalDate.of(2020, 1, 1),
            new BigDecimal("1"), new BigDecimal("18"), new BigDecimal("95"), new BigDecimal("95"), 3,
            new BigDecimal("16"), 50, 50, 2, new BigDecimal("12"), new BigDecimal("0.5"), new BigDecimal("5.0"));

    public ProtocolSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(minAgeYears, "minAgeYears");
        Objects.requireNonNull(maxAgeYears, "maxAgeYears");
        Objects.requireNonNull(cd19ExpressionAbovePercent, "cd19ExpressionAbovePercent");
        Objects.requireNonNull(cd22ExpressionAbovePercent, "cd22ExpressionAbovePercent");
        Objects.requireNonNull(lanskyBelowAgeYears, "lanskyBelowAgeYears");
        Objects.requireNonNull(assentFromAgeYears, "assentFromAgeYears");
        Objects.requireNonNull(minDose10e6CellsPerKg, "minDose10e6CellsPerKg");
        Objects.requireNonNull(maxDose10e6CellsPerKg, "maxDose10e6CellsPerKg");
    }
}
