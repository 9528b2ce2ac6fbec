package org.cartrial.enrollment.screening.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cartrial.enrollment.screening.domain.ScreeningExamples.SCREENED_ON;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientScreened.Consent;
import org.cartrial.api.enrollment.PatientScreened.DiagnosticWorkup;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityRulesTest {

    private static EligibilityDecision decide(ScreeningFindings findings) {
        return EligibilityRules.decide(findings, ProtocolSettings.VERSION_1_0);
    }

    private static boolean failsOn(ScreeningFindings findings, String code) {
        return decide(findings).failedCriteria().stream().anyMatch(c -> c.code().equals(code));
    }

    @Test
    void the_reference_screening_is_eligible_under_version_1_0() {
        EligibilityDecision decision = decide(ScreeningExamples.eligible());
        assertThat(decision.failedCriteria()).isEmpty();
        assertThat(decision.eligible()).isTrue();
        assertThat(decision.protocolVersion()).isEqualTo("1.0");
    }

    @ParameterizedTest(name = "age {0} -> eligible {1}")
    @CsvSource({"0.99,false", "1,true", "1.00,true", "8.5,true", "18,true", "18.00,true", "18.01,false"})
    void age_bounds_are_inclusive(String age, boolean eligible) {
        PerformanceScale scale = new BigDecimal(age).compareTo(new BigDecimal("16")) < 0 ? PerformanceScale.LANSKY
                : PerformanceScale.ECOG;
        int score = scale == PerformanceScale.LANSKY ? 80 : 1;
        assertThat(failsOn(ScreeningExamples.withAge(age, scale, score), "age-in-range")).isEqualTo(!eligible);
        assertThat(decide(ScreeningExamples.withAge(age, scale, score)).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "CD19 {0}% -> eligible {1}")
    @CsvSource({"94.9,false", "95.0,false", "95,false", "95.01,true", "95.1,true", "100,true"})
    void cd19_must_be_strictly_above_95_percent(String cd19, boolean eligible) {
        assertThat(decide(ScreeningExamples.withExpression(cd19, "99")).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "CD22 {0}% -> eligible {1}")
    @CsvSource({"95.0,false", "95.1,true"})
    void cd22_must_be_strictly_above_95_percent(String cd22, boolean eligible) {
        assertThat(decide(ScreeningExamples.withExpression("99", cd22)).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "{0} {1} at age {2} -> failed {3}")
    @CsvSource({
            "LANSKY,50,8,''", "LANSKY,40,8,performance-status", "KARNOFSKY,80,8,performance-scale",
            "ECOG,1,8,performance-scale", "ECOG,2,16,''", "ECOG,3,16,performance-status",
            "KARNOFSKY,50,17,''", "KARNOFSKY,40,17,performance-status", "LANSKY,80,16,performance-scale",
            "LANSKY,80,15.99,''"})
    void performance_status_is_judged_on_the_scale_for_the_age(PerformanceScale scale, int score, String age,
            String failedCode) {
        EligibilityDecision decision = decide(ScreeningExamples.withAge(age, scale, score));
        if (failedCode.isEmpty()) {
            assertThat(decision.failedCriteria()).isEmpty();
        } else {
            assertThat(decision.failedCriteria()).extracting(FailedCriterion::code).containsExactly(failedCode);
        }
    }

    @Test
    void a_score_that_is_not_on_its_scale_is_refused_not_decided() {
        assertThatThrownBy(() -> decide(ScreeningExamples.withAge("8", PerformanceScale.LANSKY, 55)))
                .isInstanceOf(CommandRefused.class).hasFieldOrPropertyWithValue("code", "performance-score-not-on-scale");
    }

    @ParameterizedTest(name = "MRD+ since {0} -> eligible {1}")
    @CsvSource({"2026-08-20,false", "2026-08-19,true", "2026-08-21,false", "2025-01-01,true"})
    void persistent_mrd_must_last_more_than_3_calendar_months(LocalDate since, boolean eligible) {
        // screened 2026-11-20: exactly 3 months back is 2026-08-20, which is not "more than 3 months"
        EligibilityDecision decision = decide(ScreeningExamples.withDisease(DiseaseStatus.PERSISTENT_MRD, since));
        assertThat(decision.eligible()).isEqualTo(eligible);
        if (!eligible) {
            assertThat(decision.failedCriteria()).extracting(FailedCriterion::code).containsExactly("mrd-duration");
        }
    }

    @Test
    void persistent_mrd_without_its_start_date_is_refused() {
        assertThatThrownBy(() -> decide(ScreeningExamples.withDisease(DiseaseStatus.PERSISTENT_MRD, null)))
                .isInstanceOf(CommandRefused.class).hasFieldOrPropertyWithValue("field", "mrdPositiveSince");
    }

    @Test
    void other_disease_states_do_not_qualify() {
        assertThat(failsOn(ScreeningExamples.withDisease(DiseaseStatus.OTHER, null), "disease-status")).isTrue();
    }

    @Test
    void the_diagnosis_must_be_b_all_with_a_complete_workup() {
        assertThat(failsOn(ScreeningExamples.withWorkup(new DiagnosticWorkup(false, true, true, true, null)),
                "b-all-diagnosis")).isTrue();
        EligibilityDecision incomplete = decide(ScreeningExamples.withWorkup(new DiagnosticWorkup(true, true, false, false, null)));
        assertThat(incomplete.failedCriteria()).extracting(FailedCriterion::code).containsExactly("diagnostic-workup");
        assertThat(incomplete.failedCriteria().get(0).message()).contains("G-banding karyotype", "fusion-gene screen");
        assertThat(decide(ScreeningExamples.withWorkup(new DiagnosticWorkup(true, true, true, true, "ETV6::RUNX1"))).eligible())
                .isTrue();
    }

    @ParameterizedTest(name = "guardian consent on {0} -> eligible {1}")
    @CsvSource({"2026-11-19,true", "2026-11-20,true", "2026-11-21,false"})
    void consent_must_be_dated_on_or_before_the_screening(LocalDate consentOn, boolean eligible) {
        EligibilityDecision decision = decide(ScreeningExamples.withConsent(new Consent(consentOn, "ICF-2.1", null)));
        assertThat(decision.eligible()).isEqualTo(eligible);
    }

    @Test
    void without_guardian_consent_the_subject_is_not_eligible() {
        assertThat(failsOn(ScreeningExamples.withConsent(new Consent(null, null, null)), "guardian-consent")).isTrue();
    }

    @ParameterizedTest(name = "age {0}, assent {1} -> eligible {2}")
    @CsvSource({"11.99,,true", "12,,false", "12,2026-11-20,true", "12,2026-11-21,false", "15,2026-11-01,true"})
    void a_child_from_12_must_assent_on_or_before_the_screening(String age, LocalDate assentOn, boolean eligible) {
        ScreeningFindings f = ScreeningExamples.withAge(age, PerformanceScale.LANSKY, 80);
        ScreeningFindings withAssent = new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(),
                f.performanceScale(), f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus(),
                f.mrdPositiveSince(), f.cd19ExpressionPercent(), f.cd22ExpressionPercent(),
                new Consent(LocalDate.of(2026, 11, 18), "ICF-2.1", assentOn));
        assertThat(decide(withAssent).eligible()).isEqualTo(eligible);
    }

    @Test
    void a_refusal_names_every_failed_criterion() {
        ScreeningFindings f = ScreeningExamples.withAge("18.5", PerformanceScale.ECOG, 3);
        ScreeningFindings many = new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(),
                f.performanceScale(), f.performanceScore(), new DiagnosticWorkup(true, false, true, true, null),
                DiseaseStatus.OTHER, null, new BigDecimal("95.0"), new BigDecimal("40"),
                new Consent(SCREENED_ON.plusDays(1), "ICF-2.1", null));

        assertThat(decide(many).failedCriteria()).extracting(FailedCriterion::code).containsExactly(
                "age-in-range", "performance-status", "diagnostic-workup", "disease-status", "cd19-expression",
                "cd22-expression", "guardian-consent", "child-assent");
    }
}
