package org.cartrial.enrollment.subject.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected.Eligibility;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.enrollment.screening.domain.ScreeningExamples;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.cartrial.enrollment.site.domain.RegisteredSites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections of screening findings: with a reason, old and new values, and eligibility decided again under the
 * protocol version in force on the screening date.
 */
class ScreeningCorrectionTest {

    private static final Instant SCREENED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SUBJECT = "S01-0001";
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final Eligibility ELIGIBLE_1_0 = new Eligibility(true, List.of(), "1.0");
    private static final FailedCriterion CD19_90 = new FailedCriterion("cd19-expression",
            "CD19 on 90% of blasts; must be above 95%");
    /** An amendment from the day after the screening that would fail its CD19 of 98.2%: it must not be used. */
    private static final ProtocolSettings VERSION_2_0 = new ProtocolSettings("2.0", LocalDate.of(2026, 11, 21),
            null, null, new BigDecimal("99"), null, null, null, null, null, null, null, null, null);

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(ProtocolHistory.of(List.of(VERSION_2_0)));
        fixture.registerInjectableResource((RegisteredSites) site -> Set.of("S01").contains(site));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PatientScreened screened(BigDecimal weightKg) {
        return screened(weightKg, new BigDecimal("98.2"), null, ELIGIBLE_1_0);
    }

    private static PatientScreened screened(BigDecimal weightKg, BigDecimal cd19, LocalDate mrdPositiveSince,
            Eligibility eligibility) {
        ScreeningFindings f = ScreeningExamples.eligible();
        return new PatientScreened(SUBJECT, "S01", f.screenedOn(), SCREENED, f.ageYears(), weightKg, f.sex(),
                f.performanceScale().name(), f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus().name(),
                mrdPositiveSince, cd19, f.cd22ExpressionPercent(), f.consent(), eligibility.eligible(),
                eligibility.failedCriteria(), eligibility.protocolVersion());
    }

    private static CorrectScreeningFindings correctWeight(String reason, String weightKg, SiteScope scope) {
        return new CorrectScreeningFindings(SUBJECT, reason, "coordinator-s01", new BigDecimal(weightKg), null, null,
                null, null, null, scope);
    }

    private static CorrectScreeningFindings correctCd19(String cd19) {
        return new CorrectScreeningFindings(SUBJECT, "FCM report re-read", "coordinator-s01", null, null, null,
                new BigDecimal(cd19), null, null, S01);
    }

    private static CorrectScreeningFindings clear(String field, LocalDate mrdPositiveSince) {
        return new CorrectScreeningFindings(SUBJECT, "not a persistent-MRD subject", "coordinator-s01", null, null,
                mrdPositiveSince, null, null, ClearedFields.of(List.of(field)), S01);
    }

    private static PatientEnrolled enrolled() {
        return new PatientEnrolled(SUBJECT, "S01", LocalDate.of(2026, 11, 21), SCREENED, "1.0");
    }

    @Test
    void a_corrected_finding_names_old_and_new_value_and_decides_again_under_the_version_of_the_screening_date() {
        PatientScreened before = screened(new BigDecimal("26.4"));
        fixture.given(before)
                .when(correctWeight("scale miscalibrated", "24.6", S01))
                .expectEvents(new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(), NOW,
                        screened(new BigDecimal("24.6")),
                        List.of(new CorrectedValue("weightKg", "26.4", "24.6")), "scale miscalibrated",
                        "coordinator-s01", ELIGIBLE_1_0, ELIGIBLE_1_0, false));
    }

    @Test
    void a_subject_not_enrolled_found_ineligible_can_no_longer_be_enrolled() {
        PatientScreened before = screened(new BigDecimal("26.4"));
        Eligibility failed = new Eligibility(false, List.of(CD19_90), "1.0");
        ScreeningFindingsCorrected corrected = new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(),
                NOW, screened(new BigDecimal("26.4"), new BigDecimal("90"), null, failed),
                List.of(new CorrectedValue("cd19ExpressionPercent", "98.2", "90"),
                        new CorrectedValue("eligible", "true", "false"),
                        new CorrectedValue("failedCriteria", "", "cd19-expression")),
                "FCM report re-read", "coordinator-s01", ELIGIBLE_1_0, failed, false);
        fixture.given(before).when(correctCd19("90")).expectEvents(corrected);

        fixture.given(before, corrected)
                .when(new EnrolPatient(SUBJECT, LocalDate.of(2026, 11, 22), S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-eligible", "subjectId"))
                .expectNoEvents();
    }

    @Test
    void a_screen_failure_found_eligible_can_now_be_enrolled() {
        Eligibility failed = new Eligibility(false, List.of(CD19_90), "1.0");
        PatientScreened before = screened(new BigDecimal("26.4"), new BigDecimal("90"), null, failed);
        fixture.given(before)
                .when(correctCd19("98.2"))
                .expectEvents(new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(), NOW,
                        screened(new BigDecimal("26.4")),
                        List.of(new CorrectedValue("cd19ExpressionPercent", "90", "98.2"),
                                new CorrectedValue("eligible", "false", "true"),
                                new CorrectedValue("failedCriteria", "cd19-expression", "")),
                        "FCM report re-read", "coordinator-s01", failed, ELIGIBLE_1_0, false));

        fixture.given(before).andGivenCommands(correctCd19("98.2"))
                .when(new EnrolPatient(SUBJECT, LocalDate.of(2026, 11, 22), S01))
                .expectEvents(new PatientEnrolled(SUBJECT, "S01", LocalDate.of(2026, 11, 22), NOW, "1.0"));
    }

    @Test
    void an_enrolled_subject_found_ineligible_stays_enrolled_with_an_eligibility_deviation() {
        PatientScreened before = screened(new BigDecimal("26.4"));
        Eligibility failed = new Eligibility(false, List.of(CD19_90), "1.0");
        fixture.given(before, enrolled())
                .when(correctCd19("90"))
                .expectEvents(new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(), NOW,
                        screened(new BigDecimal("26.4"), new BigDecimal("90"), null, failed),
                        List.of(new CorrectedValue("cd19ExpressionPercent", "98.2", "90"),
                                new CorrectedValue("eligible", "true", "false"),
                                new CorrectedValue("failedCriteria", "", "cd19-expression")),
                        "FCM report re-read", "coordinator-s01", ELIGIBLE_1_0, failed, true));
    }

    @Test
    void an_optional_finding_is_cleared_back_to_not_recorded_and_a_mandatory_one_cannot_be() {
        LocalDate since = LocalDate.of(2026, 6, 1);
        PatientScreened before = screened(new BigDecimal("26.4"), new BigDecimal("98.2"), since, ELIGIBLE_1_0);
        fixture.given(before)
                .when(clear("mrdPositiveSince", null))
                .expectEvents(new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(), NOW,
                        screened(new BigDecimal("26.4")),
                        List.of(new CorrectedValue("mrdPositiveSince", "2026-06-01", null)),
                        "not a persistent-MRD subject", "coordinator-s01", ELIGIBLE_1_0, ELIGIBLE_1_0, false));

        fixture.given(before).when(clear("weightKg", null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "field-mandatory", "weightKg"))
                .expectNoEvents();
        fixture.given(before).when(clear("sex", null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "field-unknown", "sex"))
                .expectNoEvents();
        fixture.given(before).when(clear("mrdPositiveSince", since.minusDays(1)))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "cleared-and-given", "mrdPositiveSince"))
                .expectNoEvents();
    }

    @Test
    void a_correction_without_reason_changing_nothing_or_of_another_site_is_refused() {
        PatientScreened before = screened(new BigDecimal("26.4"));
        fixture.given(before).when(correctWeight(" ", "24.6", S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "reason-required", "reason"))
                .expectNoEvents();
        fixture.given(before).when(correctWeight("x", "26.40", S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
        fixture.given(before).when(correctWeight("x", "24.6", SiteScope.of(Set.of("S02"))))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }
}
