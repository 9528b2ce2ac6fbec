package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.protocol.ProtocolHistory;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.regulatorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.sponsorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.AE_ID;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.CRS;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.ICANS;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.NOW;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.ONSET;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SITE;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SUBJECT;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsGrade2;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsGrade3;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsReport;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsReported;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.icansGrade3;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.icansReport;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedReport;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedReported;
import static org.cartrial.testsupport.RefusalMatcher.refused;
import static org.cartrial.testsupport.RefusalMatcher.ruleBroken;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.OxygenSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdverseEventReportingTest {

    private static final Set<SeriousnessCriterion> HOSPITALISED = Set.of(SeriousnessCriterion.HOSPITALISATION);

    private AggregateTestFixture<AdverseEvent> fixture;
    /** The protocol versions this context learnt: version 1.0 until a test adds an amendment. */
    private final ProtocolHistory protocol = new ProtocolHistory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdverseEvent.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(protocol);
        fixture.registerInjectableResource(ReportingRules.protocolDefaults());
    }

    @ParameterizedTest(name = "grade {0} is recorded as typed")
    @ValueSource(ints = {1, 2, 3, 4})
    void a_typed_grade_is_recorded(int grade) {
        AdverseEventReported reported = typedReported("Febrile neutropenia", grade, List.of("HOSPITALISATION"),
                "definite", true, false);
        fixture.givenNoPriorActivity()
                .when(typedReport("Febrile neutropenia", grade, HOSPITALISED, RelationshipToCarT.DEFINITE, true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reported, sponsorClock("Febrile neutropenia", grade))
                .expectResultMessagePayload(reported);
    }

    @Test
    void a_fatal_adverse_event_is_grade_5_serious_by_death_and_fatal() {
        fixture.givenNoPriorActivity()
                .when(typedReport("Sepsis", 5, Set.of(SeriousnessCriterion.DEATH), RelationshipToCarT.UNLIKELY, true))
                .expectEvents(typedReported("Sepsis", 5, List.of("DEATH"), "unlikely", true, false),
                        sponsorClock("Sepsis", 5));
    }

    @Test
    void the_relationship_travels_as_its_code() {
        fixture.givenNoPriorActivity()
                .when(typedReport("Febrile neutropenia", 3, Set.of(), RelationshipToCarT.UNLIKELY, false))
                .expectEvents(typedReported("Febrile neutropenia", 3, List.of(), "unlikely", false, false));
    }

    @ParameterizedTest(name = "grade {0} is refused")
    @ValueSource(ints = {0, 6})
    void a_grade_outside_ctcae_is_refused(int grade) {
        fixture.givenNoPriorActivity()
                .when(typedReport("Febrile neutropenia", grade, Set.of(), RelationshipToCarT.DEFINITE, true))
                .expectException(ruleBroken("grade-out-of-range", "grade"))
                .expectNoEvents();
    }

    @Test
    void an_adverse_event_is_reported_once() {
        fixture.given(typedReported("Febrile neutropenia", 3, List.of(), "definite", true, false))
                .when(typedReport("Febrile neutropenia", 4, Set.of(), RelationshipToCarT.DEFINITE, true))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-reported", null))
                .expectNoEvents();
    }

    @Test
    void cytokine_release_syndrome_is_graded_from_its_findings_which_are_stored_with_the_grade() {
        fixture.givenNoPriorActivity()
                .when(crsReport(crsGrade3()))
                .expectEvents(crsReported(crsGrade3().findings(), 3), sponsorClock(CRS, 3));
    }

    @ParameterizedTest(name = "the term \"{0}\" is stored as CRS")
    @ValueSource(strings = {"cytokine release syndrome", "  Cytokine   release syndrome ", "CRS"})
    void the_crs_term_is_recognised_and_stored_in_its_ctcae_spelling(String term) {
        ReportAdverseEvent report = crsReport(crsGrade2());
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, term, null, ONSET, null, report.crs(), null, true,
                        HOSPITALISED, RelationshipToCarT.DEFINITE, true, null, null))
                .expectEvents(crsReported(crsGrade2().findings(), 2), sponsorClock(CRS, 2));
    }

    @Test
    void a_typed_grade_for_crs_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, CRS, null, ONSET, 3, crsGrade3(), null, true,
                        HOSPITALISED, RelationshipToCarT.DEFINITE, true, null, null))
                .expectException(ruleBroken("grade-is-computed", "grade"))
                .expectNoEvents();
    }

    @Test
    void crs_without_its_findings_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, CRS, null, ONSET, null, null, null, true,
                        HOSPITALISED, RelationshipToCarT.DEFINITE, true, null, null))
                .expectException(ruleBroken("crs-findings-required", "crs"))
                .expectNoEvents();
    }

    @Test
    void findings_without_fever_or_masking_treatment_are_not_crs() {
        CrsAssessment noFever = new CrsAssessment(new BigDecimal("37.9"), false, true, Set.of(), OxygenSupport.NONE,
                false);
        fixture.givenNoPriorActivity()
                .when(crsReport(noFever))
                .expectException(ruleBroken("not-crs", "crs.maxTemperatureCelsius"))
                .expectNoEvents();
    }

    @Test
    void icans_is_graded_from_its_findings() {
        fixture.givenNoPriorActivity()
                .when(icansReport(icansGrade3()))
                .expectEvents(new AdverseEventReported(SUBJECT, SITE, ONSET, NOW, AE_ID, ICANS, 3, true, "probable",
                        true, "1.0", null, "ASTCT_2019_ICANS", null, icansGrade3().findings(),
                        List.of("HOSPITALISATION"), false, "NOT_RECOVERED", null), sponsorClock(ICANS, 3));
    }

    @Test
    void findings_of_another_syndrome_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, "Febrile neutropenia", null, ONSET, 3, crsGrade2(),
                        null, false, Set.of(), RelationshipToCarT.DEFINITE, true, null, null))
                .expectException(ruleBroken("findings-do-not-fit-term", "crs"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "serious {0}, expected {1}, {2} -> SUSAR {3}")
    @CsvSource({
            "true, false, POSSIBLE, true", "true, false, PROBABLE, true", "true, false, DEFINITE, true",
            "true, false, UNLIKELY, false", "true, false, UNRELATED, false", "true, true, DEFINITE, false",
            "false, false, DEFINITE, false"})
    void a_susar_is_serious_unexpected_and_related(boolean serious, boolean expected, RelationshipToCarT relationship,
            boolean susar) {
        List<String> criteria = serious ? List.of("HOSPITALISATION") : List.of();
        List<Object> events = new java.util.ArrayList<>();
        events.add(typedReported("Encephalitis", 3, criteria, relationship.code(), expected, susar));
        if (serious) {
            events.add(sponsorClock("Encephalitis", 3));
        }
        if (susar) {
            events.add(regulatorClock(ReportingRule.SUSAR_OTHER, "Encephalitis", 3));
        }
        fixture.givenNoPriorActivity()
                .when(typedReport("Encephalitis", 3, serious ? HOSPITALISED : Set.of(), relationship, expected))
                .expectEvents(events.toArray());
    }

    @Test
    void a_serious_report_names_its_criteria() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, "Sepsis", null, ONSET, 4, null, null, true,
                        Set.of(), RelationshipToCarT.POSSIBLE, false, null, null))
                .expectException(ruleBroken("seriousness-criteria-required", "seriousnessCriteria"))
                .expectNoEvents();
    }

    @Test
    void criteria_of_a_report_said_not_serious_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, "Sepsis", null, ONSET, 4, null, null, false,
                        HOSPITALISED, RelationshipToCarT.POSSIBLE, false, null, null))
                .expectException(ruleBroken("seriousness-criteria-of-non-serious", "serious"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "grade {0}, {1}, outcome {2}, resolved {3} -> {4} on {5}")
    @CsvSource({
            "5, HOSPITALISATION, , , death-criterion-required, seriousnessCriteria",
            "3, DEATH, , , death-criterion-without-death, seriousnessCriteria",
            "5, DEATH, RECOVERED, 2026-11-22, grade-5-is-fatal, outcome",
            "3, HOSPITALISATION, FATAL, , fatal-outcome-is-grade-5, outcome",
            "3, HOSPITALISATION, RECOVERED, , resolution-date-required, resolutionDate",
            "3, HOSPITALISATION, RECOVERED_WITH_SEQUELAE, , resolution-date-required, resolutionDate",
            "3, HOSPITALISATION, NOT_RECOVERED, 2026-11-22, resolution-date-without-resolution, resolutionDate",
            "3, HOSPITALISATION, RECOVERED, 2026-11-20, resolution-before-onset, resolutionDate"})
    void facts_that_contradict_each_other_are_refused(int grade, SeriousnessCriterion criterion,
            AdverseEventOutcome outcome, LocalDate resolved, String code, String field) {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, "Sepsis", null, ONSET, grade, null, null, true,
                        Set.of(criterion), RelationshipToCarT.POSSIBLE, true, outcome, resolved))
                .expectException(ruleBroken(code, field))
                .expectNoEvents();
    }

    @Test
    void an_adverse_event_reported_after_it_resolved_keeps_its_outcome_and_resolution() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, SUBJECT, SITE, "Hypokalaemia", "10021015", ONSET, 2, null, null,
                        false, Set.of(), RelationshipToCarT.UNLIKELY, true, AdverseEventOutcome.RECOVERED,
                        ONSET.plusDays(3)))
                .expectEvents(new AdverseEventReported(SUBJECT, SITE, ONSET, NOW, AE_ID, "Hypokalaemia", 2, false,
                        "unlikely", true, "1.0", "10021015", "CTCAE_V5", null, null, List.of(), false, "RECOVERED",
                        ONSET.plusDays(3)));
    }
}
