package org.cartrial.safety.grading.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.cartrial.api.CommandRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrsAssessmentTest {

    private static CrsAssessment crs(String temperature, boolean masked, boolean hypotension, String vasopressors,
            OxygenDevice device, String flow, boolean died) {
        Set<Vasopressor> agents = vasopressors == null || vasopressors.isBlank() ? Set.of()
                : Arrays.stream(vasopressors.split(";")).map(Vasopressor::valueOf).collect(Collectors.toSet());
        return new CrsAssessment(new BigDecimal(temperature), masked, hypotension, agents,
                new OxygenSupport(device, flow == null || flow.isBlank() ? null : new BigDecimal(flow)), died);
    }

    @ParameterizedTest(name = "{0} C, masked {1}, hypotension {2}, [{3}], {4} {5} L/min, died {6} -> grade {7}")
    @CsvSource({
            // fever decides whether it is CRS at all: 38.0 is fever, 37.9 is not
            "38.0, false, false, '', NONE, '', false, 1",
            "37.9, false, false, '', NONE, '', false, 0",
            "39.4, false, false, '', NONE, '', false, 1",
            // without fever and without masking treatment it is not CRS, whatever the blood pressure and oxygen
            "37.9, false, true, '', NONE, '', false, 0",
            "37.9, false, true, NOREPINEPHRINE;EPINEPHRINE, NONE, '', false, 0",
            "37.9, false, false, '', CPAP, '', false, 0",
            // antipyretics, tocilizumab or steroids: fever no longer required, hypotension and hypoxia grade
            "37.9, true, false, '', NONE, '', false, 1",
            "36.8, true, true, '', NONE, '', false, 2",
            "36.8, true, false, '', FACE_MASK, '', false, 3",
            "36.8, true, true, NOREPINEPHRINE;DOPAMINE, NONE, '', false, 4",
            // hypotension: none 2, one vasopressor (with or without vasopressin) 3, several (vasopressin not counted) 4
            "38.5, false, true, '', NONE, '', false, 2",
            "38.5, false, true, VASOPRESSIN, NONE, '', false, 3",
            "38.5, false, true, NOREPINEPHRINE, NONE, '', false, 3",
            "38.5, false, true, NOREPINEPHRINE;VASOPRESSIN, NONE, '', false, 3",
            "38.5, false, true, NOREPINEPHRINE;EPINEPHRINE, NONE, '', false, 4",
            "38.5, false, true, PHENYLEPHRINE;EPINEPHRINE;VASOPRESSIN, NONE, '', false, 4",
            // hypoxia: flow decides the cannula, 6 L/min low (2), above 6 high (3)
            "38.5, false, false, '', NASAL_CANNULA, 0.5, false, 2",
            "38.5, false, false, '', NASAL_CANNULA, 6, false, 2",
            "38.5, false, false, '', NASAL_CANNULA, 6.00, false, 2",
            "38.5, false, false, '', NASAL_CANNULA, 6.01, false, 3",
            "38.5, false, false, '', NASAL_CANNULA, 7, false, 3",
            "38.5, false, false, '', NASAL_CANNULA, 40, false, 3",
            "38.5, false, false, '', BLOW_BY, '', false, 2",
            "38.5, false, false, '', FACE_MASK, '', false, 3",
            "38.5, false, false, '', NON_REBREATHER_MASK, '', false, 3",
            "38.5, false, false, '', VENTURI_MASK, '', false, 3",
            "38.5, false, false, '', CPAP, '', false, 4",
            "38.5, false, false, '', BIPAP, '', false, 4",
            "38.5, false, false, '', MECHANICAL_VENTILATION, '', false, 4",
            // the grade is the worse of hypotension and hypoxia
            "38.5, false, true, '', NASAL_CANNULA, 7, false, 3",
            "38.5, false, true, '', BLOW_BY, '', false, 2",
            "38.5, false, true, NOREPINEPHRINE, CPAP, '', false, 4",
            "38.5, false, true, NOREPINEPHRINE;EPINEPHRINE, BLOW_BY, '', false, 4",
            "38.5, false, true, NOREPINEPHRINE, NASAL_CANNULA, 2, false, 3",
            // death from CRS is grade 5
            "38.5, false, true, NOREPINEPHRINE;EPINEPHRINE, MECHANICAL_VENTILATION, '', true, 5",
            "36.5, false, false, '', NONE, '', true, 5"})
    void the_grade_is_computed_from_the_findings(String temperature, boolean masked, boolean hypotension,
            String vasopressors, OxygenDevice device, String flow, boolean died, int grade) {
        assertThat(crs(temperature, masked, hypotension, vasopressors, device, flow, died).grade().value())
                .isEqualTo(grade);
    }

    @Test
    void the_components_are_kept_apart() {
        CrsAssessment assessment = crs("38.2", false, true, "NOREPINEPHRINE;VASOPRESSIN", OxygenDevice.NASAL_CANNULA,
                "4", false);
        assertThat(assessment.fever()).isTrue();
        assertThat(assessment.vasopressorSupport()).isEqualTo(VasopressorSupport.ONE_WITH_OR_WITHOUT_VASOPRESSIN);
        assertThat(assessment.hypotensionGrade()).isEqualTo(CrsGrade.GRADE_3);
        assertThat(assessment.hypoxiaGrade()).isEqualTo(CrsGrade.GRADE_2);
        assertThat(assessment.grade()).isEqualTo(CrsGrade.GRADE_3);
    }

    @Test
    void the_findings_survive_the_round_trip_through_the_published_event() {
        CrsAssessment assessment = crs("38.2", false, true, "NOREPINEPHRINE;VASOPRESSIN", OxygenDevice.NASAL_CANNULA,
                "7", false);
        assertThat(assessment.findings().vasopressors()).containsExactly("NOREPINEPHRINE", "VASOPRESSIN");
        assertThat(CrsAssessment.of(assessment.findings())).isEqualTo(assessment);
    }

    @ParameterizedTest(name = "{0}: {6}")
    @CsvSource({
            "a cannula without its flow, 38.5, false, '', NASAL_CANNULA, '', oxygen-flow-required",
            "a flow without a device, 38.5, false, '', NONE, 2, oxygen-flow-without-device",
            "vasopressors without hypotension, 38.5, false, NOREPINEPHRINE, NONE, '',"
                    + " vasopressors-without-hypotension"})
    void findings_no_subject_can_have_are_refused(String what, String temperature, boolean hypotension,
            String vasopressors, OxygenDevice device, String flow, String code) {
        assertThatThrownBy(() -> crs(temperature, false, hypotension, vasopressors, device, flow, false))
                .isInstanceOf(CommandRefused.class).hasFieldOrPropertyWithValue("code", code);
    }

    @Test
    void the_temperature_is_required() {
        assertThatThrownBy(() -> new CrsAssessment(null, true, false, Set.of(), OxygenSupport.NONE, false))
                .isInstanceOf(CommandRefused.class).hasFieldOrPropertyWithValue("field", "crs.maxTemperatureCelsius");
    }
}
