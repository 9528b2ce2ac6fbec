package org.cartrial.outcomes.course.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections of the clinical course: each names its reason, who and the old and new values; never overwrites. */
class ClinicalCourseCorrectionTest {

    private static final Instant RECORDED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final LocalDate DAY_28 = LocalDate.of(2026, 2, 10);
    private static final String WHO = "inv-s01";

    private AggregateTestFixture<ClinicalCourse> fixture;
    /** The protocol versions this context received: version 1.0 unless a test amends it. */
    private ProtocolHistory protocol;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClinicalCourse.class);
        protocol = new ProtocolHistory();
        fixture.registerInjectableResource(protocol);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        EnrolmentRegister register = subject -> "S01-1".equals(subject)
                ? Optional.of(new EnrolmentRegister.Enrolment("S01", LocalDate.of(2026, 1, 2)))
                : Optional.empty();
        fixture.registerInjectableResource(register);
    }

    private static ResponseAssessed assessed(String id, LocalDate on, String blasts, ResponseCategory derived,
            Boolean mrdNegative, String mrd) {
        return new ResponseAssessed("S01-1", "S01", on, RECORDED, id, new BigDecimal(blasts), false, false, "CNS1",
                new BigDecimal("1.2"), new BigDecimal("120"), new BigDecimal(mrd), new BigDecimal("0.001"), derived,
                ResponseCategory.CR, mrdNegative, "1.0");
    }

    private static CorrectResponseAssessment correctBlasts(String id, String blasts, String reason) {
        return new CorrectResponseAssessment("S01-1", "S01", id, reason, WHO, null, new BigDecimal(blasts), null, null,
                null, null, null, null, null, null, S01);
    }

    @Test
    void a_corrected_assessment_is_derived_again_and_names_old_and_new_values() {
        ResponseAssessed before = assessed("a1", DAY_28, "12", ResponseCategory.NR, false, "3");
        ResponseAssessed after = assessed("a1", DAY_28, "1.2", ResponseCategory.CR, false, "3");
        fixture.given(before)
                .when(correctBlasts("a1", "1.2", "transcription error: 1.2 %, not 12 %"))
                .expectEvents(new ResponseAssessmentCorrected("S01-1", "S01", DAY_28, NOW, "a1", after, List.of(
                        new CorrectedValue("marrowBlastsPercent", "12", "1.2"),
                        new CorrectedValue("derivedResponse", "NR", "CR")),
                        "transcription error: 1.2 %, not 12 %", WHO));
    }

    @Test
    void an_mrd_result_is_corrected_back_to_not_measured_and_a_yes_no_finding_cannot_be_cleared() {
        ResponseAssessed before = assessed("a1", DAY_28, "1", ResponseCategory.CR, true, "0.005");
        ResponseAssessed after = new ResponseAssessed("S01-1", "S01", DAY_28, RECORDED, "a1", new BigDecimal("1"),
                false, false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"), null, new BigDecimal("0.001"),
                ResponseCategory.CR, ResponseCategory.CR, null, "1.0");
        fixture.given(before)
                .when(clearingAssessment("mrdPercent"))
                .expectEvents(new ResponseAssessmentCorrected("S01-1", "S01", DAY_28, NOW, "a1", after, List.of(
                        new CorrectedValue("mrdPercent", "0.005", null),
                        new CorrectedValue("mrdNegative", "true", null)), "MRD sample was never run", WHO));
        fixture.given(before).when(clearingAssessment("circulatingBlasts"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "field-mandatory", "circulatingBlasts"))
                .expectNoEvents();
    }

    private static CorrectResponseAssessment clearingAssessment(String field) {
        return new CorrectResponseAssessment("S01-1", "S01", "a1", "MRD sample was never run", WHO, null, null, null,
                null, null, null, null, null, null, null, S01, ClearedFields.of(List.of(field)));
    }

    @Test
    void a_correction_without_reason_changing_nothing_or_of_an_unknown_assessment_is_refused() {
        ResponseAssessed before = assessed("a1", DAY_28, "12", ResponseCategory.NR, false, "3");
        fixture.given(before).when(correctBlasts("a1", "1.2", " "))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "reason-required", "reason"))
                .expectNoEvents();
        fixture.given(before).when(correctBlasts("a1", "12.0", "same"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
        fixture.given(before).when(correctBlasts("a9", "1.2", "wrong"))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "assessment-not-found", null))
                .expectNoEvents();
        fixture.given(before).when(new CorrectResponseAssessment("S01-1", "S02", "a1", "wrong", WHO, null,
                        BigDecimal.ONE, null, null, null, null, null, null, null, null, SiteScope.of(Set.of("S02"))))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }

    @Test
    void an_assessment_whose_remission_a_relapse_rests_on_cannot_lose_it() {
        fixture.given(assessed("a1", DAY_28, "1", ResponseCategory.CR, true, "0.005"),
                        new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), RECORDED, "marrow", false, true))
                .when(correctBlasts("a1", "40", "wrong slide"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-prior-remission", "assessedOn"))
                .expectNoEvents();
    }

    @Test
    void a_corrected_assessment_counts_for_later_relapses() {
        fixture.given(assessed("a1", DAY_28, "12", ResponseCategory.NR, false, "3"),
                        new ResponseAssessmentCorrected("S01-1", "S01", DAY_28, RECORDED, "a1",
                                assessed("a1", DAY_28, "1.2", ResponseCategory.CR, false, "3"), List.of(
                                        new CorrectedValue("marrowBlastsPercent", "12", "1.2")), "typo", WHO))
                .when(new RecordRelapse("S01-1", "S01", DAY_28.plusDays(60), RelapseSite.MARROW, false, true, S01))
                .expectEvents(new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), NOW, "marrow", false, true));
    }

    @Test
    void a_relapse_is_corrected_and_still_needs_an_earlier_remission() {
        RelapseDetected relapse = new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), RECORDED, "marrow", false,
                true);
        ResponseAssessed remission = assessed("a1", DAY_28, "1", ResponseCategory.CR, true, "0.005");
        fixture.given(remission, relapse)
                .when(new CorrectRelapse("S01-1", "S01", "CNS relapse, not marrow", WHO, DAY_28.plusDays(62),
                        RelapseSite.CNS, null, null, S01))
                .expectEvents(new RelapseCorrected("S01-1", "S01", DAY_28.plusDays(62), NOW,
                        new RelapseDetected("S01-1", "S01", DAY_28.plusDays(62), RECORDED, "cns", false, true),
                        List.of(new CorrectedValue("occurredOn", DAY_28.plusDays(60).toString(),
                                        DAY_28.plusDays(62).toString()),
                                new CorrectedValue("relapseSite", "marrow", "cns")),
                        "CNS relapse, not marrow", WHO));
        fixture.given(remission, relapse)
                .when(new CorrectRelapse("S01-1", "S01", "date", WHO, DAY_28.minusDays(1), null, null, null, S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-prior-remission", "detectedOn"))
                .expectNoEvents();
        fixture.given(remission)
                .when(new CorrectRelapse("S01-1", "S01", "date", WHO, DAY_28, null, null, null, S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "relapse-not-found", null))
                .expectNoEvents();
    }

    @Test
    void an_antigen_of_a_relapse_is_corrected_back_to_not_tested_and_a_mandatory_field_cannot_be_cleared() {
        RelapseDetected relapse = new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), RECORDED, "marrow", false,
                true);
        ResponseAssessed remission = assessed("a1", DAY_28, "1", ResponseCategory.CR, true, "0.005");
        fixture.given(remission, relapse)
                .when(clearing("cd19Positive", null))
                .expectEvents(new RelapseCorrected("S01-1", "S01", DAY_28.plusDays(60), NOW,
                        new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), RECORDED, "marrow", null, true),
                        List.of(new CorrectedValue("cd19Positive", "false", null)), "CD19 was never tested", WHO));

        fixture.given(remission, relapse).when(clearing("relapseSite", null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "field-mandatory", "relapseSite"))
                .expectNoEvents();
        fixture.given(remission, relapse).when(clearing("cd19Positive", Boolean.TRUE))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "cleared-and-given", "cd19Positive"))
                .expectNoEvents();
        fixture.given(remission, relapse).when(clearing("cd20Positive", null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "field-unknown", "cd20Positive"))
                .expectNoEvents();
        fixture.given(remission, new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), RECORDED, "marrow", null,
                true)).when(clearing("cd19Positive", null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
    }

    private static CorrectRelapse clearing(String field, Boolean cd19Positive) {
        return new CorrectRelapse("S01-1", "S01", "CD19 was never tested", WHO, null, null, cd19Positive, null, S01,
                ClearedFields.of(List.of(field)));
    }

    @Test
    void a_death_is_corrected_but_not_to_before_a_recorded_fact() {
        DeathRecorded death = new DeathRecorded("S01-1", "S01", DAY_28.plusDays(100), RECORDED, "disease");
        FollowUpRecorded alive = new FollowUpRecorded("S01-1", "S01", DAY_28.plusDays(50), RECORDED);
        fixture.given(alive, death)
                .when(new CorrectDeath("S01-1", "S01", "death certificate", WHO, DAY_28.plusDays(90),
                        CauseOfDeath.CAR_T_RELATED, S01))
                .expectEvents(new DeathCorrected("S01-1", "S01", DAY_28.plusDays(90), NOW,
                        new DeathRecorded("S01-1", "S01", DAY_28.plusDays(90), RECORDED, "car-t-related"),
                        List.of(new CorrectedValue("occurredOn", DAY_28.plusDays(100).toString(),
                                        DAY_28.plusDays(90).toString()),
                                new CorrectedValue("cause", "disease", "car-t-related")),
                        "death certificate", WHO));
        fixture.given(alive, death)
                .when(new CorrectDeath("S01-1", "S01", "date", WHO, DAY_28.plusDays(40), null, S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "fact-after-death", "diedOn"))
                .expectNoEvents();
        fixture.given(alive, death)
                .when(new CorrectDeath("S01-1", "S01", "same", WHO, DAY_28.plusDays(100), CauseOfDeath.DISEASE, S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
        fixture.given(alive)
                .when(new CorrectDeath("S01-1", "S01", "x", WHO, DAY_28, null, S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "death-not-found", null))
                .expectNoEvents();
    }

    @Test
    void a_corrected_death_date_governs_what_may_be_recorded_after_it() {
        fixture.given(new DeathRecorded("S01-1", "S01", DAY_28.plusDays(100), RECORDED, "disease"),
                        new DeathCorrected("S01-1", "S01", DAY_28.plusDays(90), RECORDED,
                                new DeathRecorded("S01-1", "S01", DAY_28.plusDays(90), RECORDED, "disease"),
                                List.of(new CorrectedValue("occurredOn", "x", "y")), "certificate", WHO))
                .when(new RecordFollowUp("S01-1", "S01", DAY_28.plusDays(95), S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "after-death", "date"))
                .expectNoEvents();
    }

    @Test
    void a_follow_up_is_corrected_by_its_recorded_date() {
        FollowUpRecorded alive = new FollowUpRecorded("S01-1", "S01", DAY_28.plusDays(50), RECORDED);
        fixture.given(alive)
                .when(new CorrectFollowUp("S01-1", "S01", DAY_28.plusDays(50), "visit was on the 5th", WHO,
                        DAY_28.plusDays(55), S01))
                .expectEvents(new FollowUpCorrected("S01-1", "S01", DAY_28.plusDays(55), NOW, DAY_28.plusDays(50),
                        new FollowUpRecorded("S01-1", "S01", DAY_28.plusDays(55), NOW),
                        List.of(new CorrectedValue("occurredOn", DAY_28.plusDays(50).toString(),
                                DAY_28.plusDays(55).toString())),
                        "visit was on the 5th", WHO));
        fixture.given(alive)
                .when(new CorrectFollowUp("S01-1", "S01", DAY_28.plusDays(51), "x", WHO, DAY_28.plusDays(55), S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "follow-up-not-found", null))
                .expectNoEvents();
        fixture.given(alive)
                .when(new CorrectFollowUp("S01-1", "S01", DAY_28.plusDays(50), "x", WHO, DAY_28.plusDays(50), S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
    }

    // ---- a corrected baseline, and the protocol version in force on the corrected date ----

    @Test
    void a_corrected_baseline_derives_the_later_assessments_again() {
        LocalDate baselineDay = DAY_28.minusDays(40);
        ResponseAssessed baseline = assessed("a0", baselineDay, "40", ResponseCategory.NR, false, "30");
        // 24 % of 40 % is a fall of 40 %: NR; of 80 % a fall of 70 % to at most 25 %: PR
        ResponseAssessed later = assessed("a1", DAY_28, "24", ResponseCategory.NR, false, "3");
        ResponseAssessed inRemission = assessed("a2", DAY_28.plusDays(60), "1", ResponseCategory.CR, true, "0.005");
        String reason = "slide re-read: 80 %, not 40 %";
        fixture.given(baseline, later, inRemission)
                .when(correctBlasts("a0", "80", reason))
                .expectEvents(
                        new ResponseAssessmentCorrected("S01-1", "S01", baselineDay, NOW, "a0",
                                assessed("a0", baselineDay, "80", ResponseCategory.NR, false, "30"),
                                List.of(new CorrectedValue("marrowBlastsPercent", "40", "80")), reason, WHO),
                        new ResponseAssessmentCorrected("S01-1", "S01", DAY_28, NOW, "a1",
                                assessed("a1", DAY_28, "24", ResponseCategory.PR, false, "3"),
                                List.of(new CorrectedValue("derivedResponse", "NR", "PR")),
                                "baseline assessment a0 corrected: " + reason, WHO));
    }

    @Test
    void a_corrected_later_assessment_is_measured_against_the_corrected_baseline_and_changes_no_other() {
        LocalDate baselineDay = DAY_28.minusDays(40);
        fixture.given(assessed("a0", baselineDay, "40", ResponseCategory.NR, false, "30"),
                        new ResponseAssessmentCorrected("S01-1", "S01", baselineDay, RECORDED, "a0",
                                assessed("a0", baselineDay, "80", ResponseCategory.NR, false, "30"),
                                List.of(new CorrectedValue("marrowBlastsPercent", "40", "80")), "re-read", WHO),
                        assessed("a1", DAY_28, "30", ResponseCategory.NR, false, "3"),
                        assessed("a2", DAY_28.plusDays(60), "30", ResponseCategory.NR, false, "3"))
                .when(correctBlasts("a1", "24", "typo: 24 %"))
                .expectEvents(new ResponseAssessmentCorrected("S01-1", "S01", DAY_28, NOW, "a1",
                        assessed("a1", DAY_28, "24", ResponseCategory.PR, false, "3"), List.of(
                                new CorrectedValue("marrowBlastsPercent", "30", "24"),
                                new CorrectedValue("derivedResponse", "NR", "PR")), "typo: 24 %", WHO));
    }

    @Test
    void a_corrected_date_derives_with_the_version_in_force_on_it() {
        LocalDate amended = DAY_28.plusDays(10);
        protocol.add(new ProtocolSettings("1.1", amended, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, new BigDecimal("1"), null, null, null, null, null,
                null));
        ResponseAssessed before = assessed("a1", DAY_28, "2", ResponseCategory.CR, true, "0.005");
        ResponseAssessed after = new ResponseAssessed("S01-1", "S01", amended.plusDays(1), RECORDED, "a1",
                new BigDecimal("2"), false, false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"),
                new BigDecimal("0.005"), new BigDecimal("0.001"), ResponseCategory.NR, ResponseCategory.CR, true, "1.1");
        fixture.given(before)
                .when(new CorrectResponseAssessment("S01-1", "S01", "a1", "visit date", WHO, amended.plusDays(1), null,
                        null, null, null, null, null, null, null, null, S01))
                .expectEvents(new ResponseAssessmentCorrected("S01-1", "S01", amended.plusDays(1), NOW, "a1", after,
                        List.of(new CorrectedValue("occurredOn", DAY_28.toString(), amended.plusDays(1).toString()),
                                new CorrectedValue("derivedResponse", "CR", "NR"),
                                new CorrectedValue("protocolVersion", "1.0", "1.1")),
                        "visit date", WHO));
    }
}
