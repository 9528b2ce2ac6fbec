package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The infusion settings of one protocol version: the dose range in 10^6 CAR-positive cells per kg of the weight
 * at infusion, both bounds inclusive (protocol section 2: "default target range 0.5 to 5.0 x 10^6 cells/kg").
 */
public record InfusionSettings(String protocolVersion, BigDecimal minDose10e6CellsPerKg,
        BigDecimal maxDose10e6CellsPerKg) {

    /** The protocol's defaults (version 1.0). */
    public static final InfusionSettings PROTOCOL_1_0 = new InfusionSettings("1.0", new BigDecimal("0.5"),
            new BigDecimal("5.0"));

    public InfusionSettings {
        Objects.requireNonNull(protocolVersion);
        Objects.requireNonNull(minDose10e6CellsPerKg);
        Objects.requireNonNull(maxDose10e6CellsPerKg);
    }

    public boolean doseInRange(BigDecimal dose10e6CellsPerKg) {
        return dose10e6CellsPerKg.compareTo(minDose10e6CellsPerKg) >= 0
                && dose10e6CellsPerKg.compareTo(maxDose10e6CellsPerKg) <= 0;
    }
}
