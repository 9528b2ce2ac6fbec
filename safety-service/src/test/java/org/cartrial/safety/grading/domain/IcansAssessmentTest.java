package org.cartrial.safety.grading.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cartrial.api.CommandRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IcansAssessmentTest {

    private static IcansAssessment icans(int age, Integer ice, Integer capd, boolean unable,
            ConsciousnessLevel consciousness, Seizure seizure, MotorFinding motor, RaisedIntracranialPressure icp) {
        return new IcansAssessment(age, ice, capd, unable, consciousness, seizure, motor, icp, false);
    }

    private static IcansAssessment screenOnly(int age, Integer ice, Integer capd, boolean unable) {
        return icans(age, ice, capd, unable, ConsciousnessLevel.NONE, Seizure.NONE, MotorFinding.NONE,
                RaisedIntracranialPressure.NONE);
    }

    @ParameterizedTest(name = "age {0}: ICE {1} -> grade {2}")
    @CsvSource({"13, 10, 0", "13, 9, 1", "13, 7, 1", "13, 6, 2", "13, 3, 2", "13, 2, 3", "13, 0, 3", "17, 8, 1"})
    void the_ice_score_grades_above_12_years(int age, int ice, int grade) {
        assertThat(screenOnly(age, ice, null, false).grade().value()).isEqualTo(grade);
        assertThat(screenOnly(age, ice, null, false).screen()).isEqualTo(EncephalopathyScreen.ICE);
    }

    @ParameterizedTest(name = "age {0}: CAPD {1} -> grade {2}")
    @CsvSource({"12, 0, 0", "12, 1, 1", "12, 8, 1", "12, 9, 3", "12, 32, 3", "1, 4, 1", "0, 9, 3"})
    void the_capd_score_grades_up_to_12_years(int age, int capd, int grade) {
        assertThat(screenOnly(age, null, capd, false).grade().value()).isEqualTo(grade);
        assertThat(screenOnly(age, null, capd, false).screen()).isEqualTo(EncephalopathyScreen.CAPD);
    }

    @ParameterizedTest(name = "age {0} unable to perform the screen -> grade 4")
    @CsvSource({"12", "13", "3"})
    void a_subject_unable_to_perform_the_screen_is_grade_4(int age) {
        assertThat(screenOnly(age, null, null, true).grade()).isEqualTo(IcansGrade.GRADE_4);
    }

    @Test
    void the_same_score_means_another_grade_at_12_and_at_13() {
        assertThat(screenOnly(12, null, 9, false).grade()).isEqualTo(IcansGrade.GRADE_3);
        assertThat(screenOnly(13, 9, null, false).grade()).isEqualTo(IcansGrade.GRADE_1);
        assertThat(EncephalopathyScreen.forAge(12)).isEqualTo(EncephalopathyScreen.CAPD);
        assertThat(EncephalopathyScreen.forAge(13)).isEqualTo(EncephalopathyScreen.ICE);
    }

    @ParameterizedTest(name = "{0} -> grade {1}")
    @CsvSource({"NONE, 0", "AWAKENS_SPONTANEOUSLY, 1", "AWAKENS_TO_VOICE, 2", "AWAKENS_ONLY_TO_TACTILE_STIMULUS, 3",
            "STUPOR_OR_COMA, 4"})
    void depressed_consciousness_grades(ConsciousnessLevel consciousness, int grade) {
        assertThat(icans(14, 10, null, false, consciousness, Seizure.NONE, MotorFinding.NONE,
                RaisedIntracranialPressure.NONE).grade().value()).isEqualTo(grade);
    }

    @ParameterizedTest(name = "{0} -> grade {1}")
    @CsvSource({"CLINICAL_RESOLVING_RAPIDLY, 3", "EEG_ONLY, 3", "PROLONGED_OR_REPETITIVE, 4"})
    void seizures_grade(Seizure seizure, int grade) {
        assertThat(icans(8, null, 0, false, ConsciousnessLevel.NONE, seizure, MotorFinding.NONE,
                RaisedIntracranialPressure.NONE).grade().value()).isEqualTo(grade);
    }

    @Test
    void deep_focal_motor_weakness_is_grade_4() {
        assertThat(icans(8, null, 0, false, ConsciousnessLevel.NONE, Seizure.NONE, MotorFinding.DEEP_FOCAL_WEAKNESS,
                RaisedIntracranialPressure.NONE).grade()).isEqualTo(IcansGrade.GRADE_4);
    }

    @ParameterizedTest(name = "{0} -> grade {1}")
    @CsvSource({"FOCAL_OEDEMA, 3", "DIFFUSE_OEDEMA, 4", "DECEREBRATE_OR_DECORTICATE_POSTURING, 4",
            "CRANIAL_NERVE_VI_PALSY, 4", "PAPILLOEDEMA, 4", "CUSHINGS_TRIAD, 4"})
    void raised_intracranial_pressure_grades(RaisedIntracranialPressure icp, int grade) {
        assertThat(icans(15, 10, null, false, ConsciousnessLevel.NONE, Seizure.NONE, MotorFinding.NONE, icp)
                .grade().value()).isEqualTo(grade);
    }

    @ParameterizedTest(name = "age {0}, ICE {1}, CAPD {2}, {3}, {4}, {5} -> grade {6}")
    @CsvSource({
            "14, 8, , AWAKENS_TO_VOICE, NONE, NONE, 2",
            "14, 5, , AWAKENS_SPONTANEOUSLY, NONE, NONE, 2",
            "14, 5, , NONE, EEG_ONLY, NONE, 3",
            "14, 2, , NONE, NONE, DIFFUSE_OEDEMA, 4",
            "14, 9, , AWAKENS_ONLY_TO_TACTILE_STIMULUS, CLINICAL_RESOLVING_RAPIDLY, FOCAL_OEDEMA, 3",
            // CAPD 1-8 counts as grade 1: grade 2 comes from the other components
            "6, , 5, AWAKENS_TO_VOICE, NONE, NONE, 2",
            "6, , 5, NONE, NONE, NONE, 1",
            "6, , 9, NONE, NONE, FOCAL_OEDEMA, 3",
            "6, , 12, STUPOR_OR_COMA, NONE, NONE, 4"})
    void the_grade_is_the_worst_component(int age, Integer ice, Integer capd, ConsciousnessLevel consciousness,
            Seizure seizure, RaisedIntracranialPressure icp, int grade) {
        assertThat(icans(age, ice, capd, false, consciousness, seizure, MotorFinding.NONE, icp).grade().value())
                .isEqualTo(grade);
    }

    @Test
    void death_from_icans_is_grade_5() {
        assertThat(new IcansAssessment(9, null, null, true, ConsciousnessLevel.STUPOR_OR_COMA, Seizure.NONE,
                MotorFinding.NONE, RaisedIntracranialPressure.DIFFUSE_OEDEMA, true).grade())
                .isEqualTo(IcansGrade.GRADE_5);
    }

    @ParameterizedTest(name = "age {0}, ICE {1}, CAPD {2}, unable {3} -> {4} on {5}")
    @CsvSource({
            "12, 9, , false, wrong-encephalopathy-screen, icans.iceScore",
            "13, , 9, false, wrong-encephalopathy-screen, icans.capdScore",
            "13, , , false, encephalopathy-score-required, icans.iceScore",
            "12, , , false, encephalopathy-score-required, icans.capdScore",
            "13, 4, , true, score-of-unperformed-screen, icans.iceScore",
            "13, 11, , false, encephalopathy-score-out-of-range, icans.iceScore",
            "12, , 33, false, encephalopathy-score-out-of-range, icans.capdScore",
            "12, , -1, false, encephalopathy-score-out-of-range, icans.capdScore"})
    void a_screen_that_does_not_fit_the_age_is_refused(int age, Integer ice, Integer capd, boolean unable,
            String code, String field) {
        assertThatThrownBy(() -> screenOnly(age, ice, capd, unable)).isInstanceOf(CommandRefused.class)
                .hasFieldOrPropertyWithValue("code", code).hasFieldOrPropertyWithValue("field", field);
    }

    @Test
    void the_findings_survive_the_round_trip_through_the_published_event() {
        IcansAssessment assessment = icans(7, null, 6, false, ConsciousnessLevel.AWAKENS_TO_VOICE, Seizure.EEG_ONLY,
                MotorFinding.NONE, RaisedIntracranialPressure.NONE);
        assertThat(IcansAssessment.of(assessment.findings())).isEqualTo(assessment);
    }
}
