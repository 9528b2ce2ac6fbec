package org.cartrial.safety.grading.domain;

import java.math.BigDecimal;

import org.cartrial.api.CommandRefused;

/**
 * The oxygen a subject needs: the device and, for a nasal cannula, the flow in L/min, which decides low-flow
 * (<= 6 L/min, CRS grade 2) from high-flow (> 6 L/min, grade 3).
 */
public record OxygenSupport(OxygenDevice device, BigDecimal flowLitresPerMinute) {

    /** The largest flow a low-flow nasal cannula delivers (ASTCT 2019). */
    public static final BigDecimal LOW_FLOW_LIMIT_LITRES_PER_MINUTE = new BigDecimal("6");

    public static final OxygenSupport NONE = new OxygenSupport(OxygenDevice.NONE, null);

    public OxygenSupport {
        if (device == null) {
            throw CommandRefused.ruleBroken("oxygen-device-required", "crs.oxygenDevice",
                    "name the oxygen device, NONE when the subject breathes room air");
        }
        boolean noFlow = flowLitresPerMinute == null || flowLitresPerMinute.signum() <= 0;
        if (device == OxygenDevice.NASAL_CANNULA && noFlow) {
            throw CommandRefused.ruleBroken("oxygen-flow-required", "crs.oxygenFlowLitresPerMinute",
                    "a nasal cannula needs its flow in L/min: it decides low-flow (<= 6) from high-flow (> 6)");
        }
        if (device == OxygenDevice.NONE && flowLitresPerMinute != null && flowLitresPerMinute.signum() != 0) {
            throw CommandRefused.ruleBroken("oxygen-flow-without-device", "crs.oxygenFlowLitresPerMinute",
                    "an oxygen flow was given but no oxygen device");
        }
        if (flowLitresPerMinute != null && flowLitresPerMinute.signum() < 0) {
            throw CommandRefused.ruleBroken("oxygen-flow-negative", "crs.oxygenFlowLitresPerMinute",
                    "an oxygen flow cannot be negative");
        }
    }

    /** The CRS grade the oxygen need alone makes (0 on room air). */
    public CrsGrade hypoxiaGrade() {
        return switch (device) {
            case NONE -> CrsGrade.NOT_CRS;
            case BLOW_BY -> CrsGrade.GRADE_2;
            case NASAL_CANNULA -> flowLitresPerMinute.compareTo(LOW_FLOW_LIMIT_LITRES_PER_MINUTE) <= 0
                    ? CrsGrade.GRADE_2 : CrsGrade.GRADE_3;
            case FACE_MASK, NON_REBREATHER_MASK, VENTURI_MASK -> CrsGrade.GRADE_3;
            case CPAP, BIPAP, MECHANICAL_VENTILATION -> CrsGrade.GRADE_4;
        };
    }
}
