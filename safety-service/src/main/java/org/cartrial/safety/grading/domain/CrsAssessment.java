package org.cartrial.safety.grading.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.CrsFindings;

/**
 * The findings that grade cytokine release syndrome by ASTCT 2019 (protocol section 3). The grade is the worse of
 * the hypotension and the hypoxia grades; fever (>= 38.0 C) is required unless antipyretics, tocilizumab or
 * steroids were given, which may mask it. Without fever and without such treatment the findings are not CRS,
 * whatever the blood pressure and oxygen need. Death from CRS is grade 5.
 *
 * @param maxTemperatureCelsius the highest temperature in the assessment period
 * @param feverMaskingTreatmentGiven antipyretics, tocilizumab or steroids were given
 * @param hypotension hypotension was present (with or without vasopressors)
 * @param vasopressors the vasopressors running at the worst moment (empty when none)
 * @param oxygen the oxygen support at the worst moment
 * @param diedOfCrs the subject died of CRS
 */
public record CrsAssessment(
        BigDecimal maxTemperatureCelsius,
        boolean feverMaskingTreatmentGiven,
        boolean hypotension,
        Set<Vasopressor> vasopressors,
        OxygenSupport oxygen,
        boolean diedOfCrs) {

    public static final BigDecimal FEVER_CELSIUS = new BigDecimal("38.0");

    public CrsAssessment {
        if (maxTemperatureCelsius == null) {
            throw CommandRefused.ruleBroken("temperature-required", "crs.maxTemperatureCelsius",
                    "the highest temperature is needed to grade CRS");
        }
        vasopressors = vasopressors == null ? Set.of() : Set.copyOf(vasopressors);
        oxygen = oxygen == null ? OxygenSupport.NONE : oxygen;
        if (!vasopressors.isEmpty() && !hypotension) {
            throw CommandRefused.ruleBroken("vasopressors-without-hypotension", "crs.hypotension",
                    "vasopressors are running, so the subject is hypotensive: set hypotension");
        }
    }

    public boolean fever() {
        return maxTemperatureCelsius.compareTo(FEVER_CELSIUS) >= 0;
    }

    public VasopressorSupport vasopressorSupport() {
        return VasopressorSupport.of(vasopressors);
    }

    /** The CRS grade the blood pressure alone makes (0 without hypotension). */
    public CrsGrade hypotensionGrade() {
        return switch (vasopressorSupport()) {
            case SEVERAL_EXCLUDING_VASOPRESSIN -> CrsGrade.GRADE_4;
            case ONE_WITH_OR_WITHOUT_VASOPRESSIN -> CrsGrade.GRADE_3;
            case NONE -> hypotension ? CrsGrade.GRADE_2 : CrsGrade.NOT_CRS;
        };
    }

    public CrsGrade hypoxiaGrade() {
        return oxygen.hypoxiaGrade();
    }

    public CrsGrade grade() {
        if (diedOfCrs) {
            return CrsGrade.GRADE_5;
        }
        if (!fever() && !feverMaskingTreatmentGiven) {
            return CrsGrade.NOT_CRS;
        }
        return CrsGrade.GRADE_1.worse(hypotensionGrade()).worse(hypoxiaGrade());
    }

    /** As the published events carry it. */
    public CrsFindings findings() {
        return new CrsFindings(maxTemperatureCelsius, feverMaskingTreatmentGiven, hypotension,
                vasopressors.stream().sorted().map(Enum::name).toList(), oxygen.device().name(),
                oxygen.flowLitresPerMinute(), diedOfCrs);
    }

    public static CrsAssessment of(CrsFindings findings) {
        List<String> agents = findings.vasopressors();
        return new CrsAssessment(findings.maxTemperatureCelsius(), findings.feverMaskingTreatmentGiven(),
                findings.hypotension(), Set.copyOf(agents.stream().map(Vasopressor::valueOf).toList()),
                new OxygenSupport(OxygenDevice.valueOf(findings.oxygenDevice()), findings.oxygenFlowLitresPerMinute()),
                findings.diedOfCrs());
    }
}
