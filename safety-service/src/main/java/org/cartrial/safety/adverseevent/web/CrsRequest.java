package org.cartrial.safety.adverseevent.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.OxygenDevice;
import org.cartrial.safety.grading.domain.OxygenSupport;
import org.cartrial.safety.grading.domain.Vasopressor;

/** The ASTCT 2019 CRS findings as they arrive over HTTP; the grade is computed from them. */
public record CrsRequest(
        @NotNull @DecimalMin("30.0") @DecimalMax("45.0") @Digits(integer = 2, fraction = 2)
        BigDecimal maxTemperatureCelsius,
        @NotNull
        Boolean feverMaskingTreatmentGiven,
        @NotNull
        Boolean hypotension,
        @Size(max = 6)
        List<@NotNull Vasopressor> vasopressors,
        @NotNull
        OxygenDevice oxygenDevice,
        @DecimalMin("0.0") @DecimalMax("80.0") @Digits(integer = 2, fraction = 2)
        BigDecimal oxygenFlowLitresPerMinute,
        Boolean diedOfCrs) {

    CrsAssessment assessment() {
        return new CrsAssessment(maxTemperatureCelsius, feverMaskingTreatmentGiven, hypotension,
                vasopressors == null ? Set.of() : Set.copyOf(vasopressors),
                new OxygenSupport(oxygenDevice, oxygenFlowLitresPerMinute), Boolean.TRUE.equals(diedOfCrs));
    }

    static CrsAssessment assessment(CrsRequest request) {
        return request == null ? null : request.assessment();
    }
}
