package org.cartrial.safety.adverseevent.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.cartrial.safety.grading.domain.ConsciousnessLevel;
import org.cartrial.safety.grading.domain.IcansAssessment;
import org.cartrial.safety.grading.domain.MotorFinding;
import org.cartrial.safety.grading.domain.RaisedIntracranialPressure;
import org.cartrial.safety.grading.domain.Seizure;

/**
 * The ASTCT 2019 ICANS findings as they arrive over HTTP; the grade is computed from them. The age decides the
 * screen: {@code capdScore} up to 12 years, {@code iceScore} above.
 */
public record IcansRequest(
        @NotNull @Min(0) @Max(30)
        Integer ageYears,
        @Min(0) @Max(10)
        Integer iceScore,
        @Min(0) @Max(32)
        Integer capdScore,
        Boolean unableToPerformScreen,
        @NotNull
        ConsciousnessLevel consciousness,
        @NotNull
        Seizure seizure,
        @NotNull
        MotorFinding motorFinding,
        @NotNull
        RaisedIntracranialPressure intracranialPressure,
        Boolean diedOfIcans) {

    IcansAssessment assessment() {
        return new IcansAssessment(ageYears, iceScore, capdScore, Boolean.TRUE.equals(unableToPerformScreen),
                consciousness, seizure, motorFinding, intracranialPressure, Boolean.TRUE.equals(diedOfIcans));
    }

    static IcansAssessment assessment(IcansRequest request) {
        return request == null ? null : request.assessment();
    }
}
