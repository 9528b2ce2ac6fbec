package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.SiteScope;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.regulatorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.sponsorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.AE_ID;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.CRS;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.NOW;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.ONSET;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.OWN_SITE;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SITE;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SUBJECT;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsGrade2;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsGrade3;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsGrade4;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.crsReported;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedDetails;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedReported;
import static org.cartrial.testsupport.RefusalMatcher.refused;
import static org.cartrial.testsupport.RefusalMatcher.ruleBroken;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Follow-up, correction and recoding: each a new event carrying the whole state, nothing overwritten. */
class AdverseEventLifecycleTest {

    private static final LocalDate FOLLOW_UP = ONSET.plusDays(2);
    private static final AdverseEventReported NEUTROPENIA_G3 = typedReported("Febrile neutropenia", 3, List.of(),
            "possible", false, false);

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

    private static UpdateAdverseEvent update(Integer grade, Set<SeriousnessCriterion> criteria,
            AdverseEventOutcome outcome, LocalDate resolved) {
        return new UpdateAdverseEvent(AE_ID, OWN_SITE, FOLLOW_UP, grade, null, null, criteria, null, null, outcome,
                resolved);
    }

    private static CorrectAdverseEvent correction(String reason, LocalDate onset, Integer grade) {
        return new CorrectAdverseEvent(AE_ID, OWN_SITE, reason, onset, grade, null, null, null, null, null, null,
                null);
    }

    private static AdverseEventDetails neutropenia(int grade, List<String> criteria, boolean susar, String outcome,
            LocalDate resolved) {
        return typedDetails("Febrile neutropenia", grade, criteria, "possible", false, susar, outcome, resolved);
    }

    @Test
    void a_higher_grade_is_recorded_as_an_update_naming_what_changed() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(4, null, null, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(4, List.of(), false, "NOT_RECOVERED", null), List.of("grade"), "1.0"));
    }

    @Test
    void an_update_cannot_lower_the_grade() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(2, null, null, null))
                .expectException(ruleBroken("grade-lowered", "grade"))
                .expectNoEvents();
    }

    @Test
    void an_adverse_event_that_becomes_serious_and_is_unexpected_and_related_becomes_a_susar() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(null, Set.of(SeriousnessCriterion.HOSPITALISATION), null, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(3, List.of("HOSPITALISATION"), true, "NOT_RECOVERED", null),
                        List.of("seriousnessCriteria"), "1.0"),
                        sponsorClock("Febrile neutropenia", 3),
                        regulatorClock(ReportingRule.SUSAR_OTHER, "Febrile neutropenia", 3));
    }

    @Test
    void resolution_is_an_update_with_its_date() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(null, null, AdverseEventOutcome.RECOVERED, FOLLOW_UP))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(3, List.of(), false, "RECOVERED", FOLLOW_UP), List.of("outcome", "resolutionDate"),
                        "1.0"));
    }

    @Test
    void recovery_needs_its_date() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(null, null, AdverseEventOutcome.RECOVERED, null))
                .expectException(ruleBroken("resolution-date-required", "resolutionDate"))
                .expectNoEvents();
    }

    @Test
    void a_relapse_of_the_event_after_recovery_drops_the_resolution_date() {
        AdverseEventUpdated resolved = new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                neutropenia(3, List.of(), false, "RECOVERED", FOLLOW_UP), List.of("outcome", "resolutionDate"), "1.0");
        fixture.given(NEUTROPENIA_G3, resolved)
                .when(update(null, null, AdverseEventOutcome.NOT_RECOVERED, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(3, List.of(), false, "NOT_RECOVERED", null), List.of("outcome", "resolutionDate"),
                        "1.0"));
    }

    @Test
    void death_from_the_event_is_grade_5_fatal_and_serious_by_death() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(5, Set.of(SeriousnessCriterion.DEATH), null, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(5, List.of("DEATH"), true, "FATAL", null),
                        List.of("grade", "seriousnessCriteria", "outcome"), "1.0"),
                        sponsorClock("Febrile neutropenia", 5),
                        regulatorClock(ReportingRule.SUSAR_FATAL_OR_LIFE_THREATENING, "Febrile neutropenia", 5));
    }

    @Test
    void an_update_that_changes_nothing_is_refused() {
        fixture.given(NEUTROPENIA_G3)
                .when(update(3, Set.of(), AdverseEventOutcome.NOT_RECOVERED, null))
                .expectException(ruleBroken("nothing-changed", null))
                .expectNoEvents();
    }

    @Test
    void a_follow_up_before_the_onset_is_refused() {
        fixture.given(NEUTROPENIA_G3)
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, ONSET.minusDays(1), 4, null, null, null, null, null,
                        null, null))
                .expectException(ruleBroken("assessment-before-onset", "assessedOn"))
                .expectNoEvents();
    }

    @Test
    void another_site_learns_nothing_of_the_adverse_event() {
        fixture.given(NEUTROPENIA_G3)
                .when(new UpdateAdverseEvent(AE_ID, SiteScope.of(Set.of("S02")), FOLLOW_UP, 4, null, null, null,
                        null, null, null, null))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "adverse-event-not-found", null))
                .expectNoEvents();
    }

    @Test
    void worsening_crs_is_regraded_from_its_new_findings() {
        AdverseEventReported reported = crsReported(crsGrade2().findings(), 2);
        AdverseEventDetails after = new AdverseEventDetails(CRS, null, ONSET, 4, "ASTCT_2019_CRS",
                crsGrade4().findings(), null, true, List.of("HOSPITALISATION"), "definite", true, false,
                "NOT_RECOVERED", null);
        fixture.given(reported, sponsorClock(CRS, 2))
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, FOLLOW_UP, null, crsGrade4(), null, null, null, null,
                        null, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID, after,
                        List.of("grade", "crs"), "1.0"));
    }

    @Test
    void crs_findings_of_a_lower_grade_are_refused_as_an_update() {
        fixture.given(crsReported(crsGrade3().findings(), 3))
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, FOLLOW_UP, null, crsGrade2(), null, null, null, null,
                        null, null))
                .expectException(ruleBroken("grade-lowered", "crs"))
                .expectNoEvents();
    }

    @Test
    void a_typed_grade_cannot_replace_the_computed_crs_grade() {
        fixture.given(crsReported(crsGrade2().findings(), 2))
                .when(update(3, null, null, null))
                .expectException(ruleBroken("grade-is-computed", "grade"))
                .expectNoEvents();
    }

    @Test
    void a_correction_may_lower_the_grade_and_keeps_its_reason() {
        fixture.given(NEUTROPENIA_G3)
                .when(correction("grade 3 was entered for grade 2 (transcription)", null, 2))
                .expectEvents(new AdverseEventCorrected(SUBJECT, SITE, ONSET, NOW, AE_ID,
                        neutropenia(2, List.of(), false, "NOT_RECOVERED", null), List.of("grade"),
                        "grade 3 was entered for grade 2 (transcription)", "1.0"));
    }

    @Test
    void a_corrected_onset_date_is_the_date_the_correction_describes() {
        LocalDate onset = ONSET.minusDays(1);
        fixture.given(NEUTROPENIA_G3)
                .when(correction("onset was the evening before", onset, null))
                .expectEvents(new AdverseEventCorrected(SUBJECT, SITE, onset, NOW, AE_ID,
                        new AdverseEventDetails("Febrile neutropenia", null, onset, 3, "CTCAE_V5", null, null, false,
                                List.of(), "possible", false, false, "NOT_RECOVERED", null),
                        List.of("onsetDate"), "onset was the evening before", "1.0"));
    }

    @Test
    void a_correction_without_a_reason_is_refused() {
        fixture.given(NEUTROPENIA_G3)
                .when(correction("  ", null, 2))
                .expectException(ruleBroken("reason-required", "reason"))
                .expectNoEvents();
    }

    @Test
    void a_correction_builds_on_the_latest_state() {
        AdverseEventCorrected corrected = new AdverseEventCorrected(SUBJECT, SITE, ONSET, NOW, AE_ID,
                neutropenia(2, List.of(), false, "NOT_RECOVERED", null), List.of("grade"), "transcription", "1.0");
        fixture.given(NEUTROPENIA_G3, corrected)
                .when(update(3, null, null, null))
                .expectEvents(new AdverseEventUpdated(SUBJECT, SITE, FOLLOW_UP, NOW, AE_ID,
                        neutropenia(3, List.of(), false, "NOT_RECOVERED", null), List.of("grade"), "1.0"));
    }

    @Test
    void a_safety_officer_corrects_at_any_site() {
        fixture.given(NEUTROPENIA_G3)
                .when(new CorrectAdverseEvent(AE_ID, SiteScope.ALL, "expectedness per the reference safety information",
                        null, null, null, null, null, null, true, null, null))
                .expectEvents(new AdverseEventCorrected(SUBJECT, SITE, ONSET, NOW, AE_ID,
                        typedDetails("Febrile neutropenia", 3, List.of(), "possible", true, false, "NOT_RECOVERED",
                                null),
                        List.of("expected"), "expectedness per the reference safety information", "1.0"));
    }

    @Test
    void recoding_between_typed_terms_keeps_the_grade() {
        fixture.given(NEUTROPENIA_G3)
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "coded by the medical monitor", "Sepsis", "10040047",
                        null, null, null))
                .expectEvents(new AdverseEventRecoded(SUBJECT, SITE, ONSET, NOW, AE_ID, "Febrile neutropenia", null,
                        new AdverseEventDetails("Sepsis", "10040047", ONSET, 3, "CTCAE_V5", null, null, false,
                                List.of(), "possible", false, false, "NOT_RECOVERED", null),
                        "coded by the medical monitor", "1.0"));
    }

    @Test
    void recoding_into_crs_computes_the_grade_from_the_findings() {
        fixture.given(NEUTROPENIA_G3)
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "fever and hypotension were CRS", "CRS", null, null,
                        crsGrade4(), null))
                .expectEvents(new AdverseEventRecoded(SUBJECT, SITE, ONSET, NOW, AE_ID, "Febrile neutropenia", null,
                        new AdverseEventDetails(CRS, null, ONSET, 4, "ASTCT_2019_CRS", crsGrade4().findings(), null,
                                false, List.of(), "possible", false, false, "NOT_RECOVERED", null),
                        "fever and hypotension were CRS", "1.0"));
    }

    @Test
    void recoding_into_crs_needs_the_findings() {
        fixture.given(NEUTROPENIA_G3)
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "was CRS", CRS, null, null, null, null))
                .expectException(ruleBroken("crs-findings-required", "crs"))
                .expectNoEvents();
    }

    @Test
    void recoding_out_of_crs_needs_a_typed_grade() {
        fixture.given(crsReported(crsGrade3().findings(), 3))
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "blood cultures grew E. coli", "Sepsis", null, null,
                        null, null))
                .expectException(ruleBroken("grade-required", "grade"))
                .expectNoEvents();
        fixture.given(crsReported(crsGrade3().findings(), 3), sponsorClock(CRS, 3))
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "blood cultures grew E. coli", "Sepsis", null, 3,
                        null, null))
                .expectEvents(new AdverseEventRecoded(SUBJECT, SITE, ONSET, NOW, AE_ID, CRS, null,
                        new AdverseEventDetails("Sepsis", null, ONSET, 3, "CTCAE_V5", null, null, true,
                                List.of("HOSPITALISATION"), "definite", true, false, "NOT_RECOVERED", null),
                        "blood cultures grew E. coli", "1.0"));
    }

    @Test
    void recoding_to_the_same_term_or_without_a_reason_is_refused() {
        fixture.given(NEUTROPENIA_G3)
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, "no change", "febrile  neutropenia", null, null, null,
                        null))
                .expectException(ruleBroken("nothing-changed", "ctcaeTerm"))
                .expectNoEvents();
        fixture.given(NEUTROPENIA_G3)
                .when(new RecodeAdverseEvent(AE_ID, OWN_SITE, null, "Sepsis", null, null, null, null))
                .expectException(ruleBroken("reason-required", "reason"))
                .expectNoEvents();
    }

    @Test
    void an_unknown_adverse_event_cannot_be_corrected() {
        fixture.givenNoPriorActivity()
                .when(correction("typo", null, 2))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
