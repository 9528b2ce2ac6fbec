package org.cartrial.api.safety;

import java.math.BigDecimal;
import java.util.List;

/**
 * The findings a cytokine release syndrome grade was computed from (ASTCT 2019): the highest temperature,
 * whether antipyretics, tocilizumab or steroids were given (fever is then no longer required), hypotension,
 * the vasopressors running (names: NOREPINEPHRINE, EPINEPHRINE, DOPAMINE, PHENYLEPHRINE, VASOPRESSIN,
 * OTHER_VASOPRESSOR), the oxygen device (NONE, BLOW_BY, NASAL_CANNULA, FACE_MASK, NON_REBREATHER_MASK,
 * VENTURI_MASK, CPAP, BIPAP, MECHANICAL_VENTILATION) with its flow in L/min, and death from CRS.
 */
public record CrsFindings(
        BigDecimal maxTemperatureCelsius,
        boolean feverMaskingTreatmentGiven,
        boolean hypotension,
        List<String> vasopressors,
        String oxygenDevice,
        BigDecimal oxygenFlowLitresPerMinute,
        boolean diedOfCrs) {

    public CrsFindings {
        vasopressors = vasopressors == null ? List.of() : List.copyOf(vasopressors);
    }
}
