package org.cartrial.infusion.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.cartrial.api.outcomes.ResponseCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gate's reading of the clinical state; the infusion course's fixture test covers each condition end to end. */
class Cd22GateTest {

    private static final LocalDate ON = LocalDate.of(2027, 1, 15);

    private static ClinicalStates inRemission() {
        return ClinicalStates.subject("S01-1", "S01").enrolledOn(LocalDate.of(2026, 11, 21))
                .assessment("a1", LocalDate.of(2027, 1, 5), ResponseCategory.CR, true);
    }

    @ParameterizedTest(name = "\"{0}\" is haematological")
    @ValueSource(strings = {"Anemia", "Febrile neutropenia", "Neutrophil count decreased", "Platelet count decreased",
            "White blood cell decreased", "Lymphocyte count decreased", "Bone marrow hypocellular",
            " platelet  COUNT decreased "})
    void cytopenias_are_haematological(String term) {
        assertThat(HaematologicalTerms.isHaematological(term)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is not haematological")
    @ValueSource(strings = {"Disseminated intravascular coagulation", "Hemolysis", "Cytokine release syndrome",
            "Colitis", "Encephalopathy", "Anemia of something else", ""})
    void other_terms_are_not(String term) {
        assertThat(HaematologicalTerms.isHaematological(term)).isFalse();
    }

    @Test
    void an_adverse_event_that_begins_after_the_date_is_not_open_on_it_and_one_resolved_that_day_is_not_either() {
        ClinicalState state = inRemission()
                .adverseEvent("later", "Colitis", 3, ON.plusDays(1), null)
                .adverseEvent("resolved", "Colitis", 4, ON.minusDays(5), ON)
                .adverseEvent("resolving", "Colitis", 3, ON.minusDays(5), ON.plusDays(1))
                .build();

        GateAnswer answer = Cd22Gate.evaluate(state, ON);

        assertThat(answer.openAdverseEvents()).extracting(AdverseEventState::adverseEventId)
                .containsExactly("resolving");
        assertThat(answer.reasons()).extracting(GateReason::code)
                .containsExactly(Cd22Gate.OPEN_ADVERSE_EVENT);
        assertThat(answer.reasons().get(0).message()).contains("resolving", "Colitis", "grade 3");
    }

    @Test
    void on_the_same_date_the_assessment_recorded_last_is_the_latest() {
        ClinicalState state = ClinicalStates.subject("S01-1", "S01").enrolledOn(LocalDate.of(2026, 11, 21)).build();
        state = new ClinicalState(state.subjectId(), state.siteId(), state.enrolledOn(), null, java.util.Map.of(
                "first", new ResponseAssessment("first", ON, java.time.Instant.parse("2027-01-15T08:00:00Z"),
                        ResponseCategory.CR, true),
                "second", new ResponseAssessment("second", ON, java.time.Instant.parse("2027-01-15T09:00:00Z"),
                        ResponseCategory.CR, false)), java.util.Map.of(), null);

        GateAnswer answer = Cd22Gate.evaluate(state, ON);

        assertThat(answer.latestAssessment().assessmentId()).isEqualTo("second");
        assertThat(answer.open()).isFalse();
    }

    @Test
    void an_open_gate_has_no_reasons_and_its_evidence_says_so() {
        GateAnswer answer = Cd22Gate.evaluate(inRemission().build(), ON);

        assertThat(answer.open()).isTrue();
        assertThat(answer.evidence(null).gateOpen()).isTrue();
        assertThat(answer.evidence(null).closedBecause()).isEmpty();
        assertThat(answer.evidence(null).latestAssessment().assessmentId()).isEqualTo("a1");
    }
}
