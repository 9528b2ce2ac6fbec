package org.cartrial.enrollment.subject.domain;

import org.cartrial.api.SiteScope;
import static org.cartrial.enrollment.screening.domain.ScreeningExamples.SCREENED_ON;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.enrollment.screening.domain.ScreeningExamples;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.cartrial.enrollment.site.domain.RegisteredSites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then tests of a subject's screening, enrolment and withdrawal. */
class SubjectTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SUBJECT = "S01-0001";
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));

    /** S01 and S02 are registered; any other site is not. */
    private static final RegisteredSites SITES = site -> Set.of("S01", "S02").contains(site);

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(ProtocolHistory.of(List.of()));
        fixture.registerInjectableResource(SITES);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PatientScreened screened(ScreeningFindings f, boolean eligible, List<FailedCriterion> failed) {
        return new PatientScreened(SUBJECT, "S01", f.screenedOn(), NOW, f.ageYears(), f.weightKg(), f.sex(),
                f.performanceScale().name(), f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus().name(),
                f.mrdPositiveSince(), f.cd19ExpressionPercent(), f.cd22ExpressionPercent(), f.consent(), eligible,
                failed, "1.0");
    }

    private static final PatientScreened ELIGIBLE = screened(ScreeningExamples.eligible(), true, List.of());
    private static final PatientScreened INELIGIBLE = screened(ScreeningExamples.withExpression("95.0", "97"), false,
            List.of(new FailedCriterion("cd19-expression", "CD19 on 95% of blasts; must be above 95%")));

    @Test
    void an_eligible_screening_is_recorded_with_every_input_and_its_protocol_version() {
        fixture.givenNoPriorActivity()
                .when(new ScreenPatient(SUBJECT, "S01", ScreeningExamples.eligible()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ELIGIBLE);
    }

    @Test
    void an_ineligible_screening_is_recorded_too_for_the_consort_flow() {
        fixture.givenNoPriorActivity()
                .when(new ScreenPatient(SUBJECT, "S01", ScreeningExamples.withExpression("95.0", "97")))
                .expectEvents(INELIGIBLE);
    }

    @Test
    void a_site_that_is_not_registered_cannot_screen() {
        fixture.givenNoPriorActivity()
                .when(new ScreenPatient(SUBJECT, "S09", ScreeningExamples.eligible()))
                .expectException(CommandRefused.class)
                .expectExceptionMessage("Site S09 is not registered; an admin registers a site before it screens.")
                .expectNoEvents();
    }

    @Test
    void a_screen_failure_may_be_screened_again_but_an_eligible_subject_not() {
        fixture.given(INELIGIBLE)
                .when(new ScreenPatient(SUBJECT, "S01", ScreeningExamples.eligible()))
                .expectEvents(ELIGIBLE);
        fixture.given(ELIGIBLE)
                .when(new ScreenPatient(SUBJECT, "S01", ScreeningExamples.eligible()))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void another_site_cannot_learn_that_the_subject_exists() {
        fixture.given(INELIGIBLE)
                .when(new ScreenPatient(SUBJECT, "S02", ScreeningExamples.eligible()))
                .expectExceptionMessage("No subject S01-0001 at your sites.");
        fixture.given(ELIGIBLE)
                .when(new EnrolPatient(SUBJECT, SCREENED_ON, SiteScope.of(Set.of("S02"))))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void the_decision_uses_the_protocol_version_in_force_on_the_screening_date() {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        ProtocolSettings stricter = new ProtocolSettings("1.1", LocalDate.of(2026, 11, 1), v1.minAgeYears(),
                v1.maxAgeYears(), new BigDecimal("98.5"), v1.cd22ExpressionAbovePercent(), 3,
                v1.lanskyBelowAgeYears(), 50, 50, 2, v1.assentFromAgeYears(), v1.minDose10e6CellsPerKg(),
                v1.maxDose10e6CellsPerKg());
        fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(ProtocolHistory.of(List.of(stricter)));
        fixture.registerInjectableResource(SITES);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));

        PatientScreened underAmendment = new PatientScreened(SUBJECT, "S01", SCREENED_ON, NOW, ELIGIBLE.ageYears(),
                ELIGIBLE.weightKg(), ELIGIBLE.sex(), ELIGIBLE.performanceScale(), ELIGIBLE.performanceScore(),
                ELIGIBLE.diagnosticWorkup(), ELIGIBLE.diseaseStatus(), null, ELIGIBLE.cd19ExpressionPercent(),
                ELIGIBLE.cd22ExpressionPercent(), ELIGIBLE.consent(), false,
                List.of(new FailedCriterion("cd19-expression", "CD19 on 98.2% of blasts; must be above 98.5%")), "1.1");
        fixture.givenNoPriorActivity()
                .when(new ScreenPatient(SUBJECT, "S01", ScreeningExamples.eligible()))
                .expectEvents(underAmendment);
    }

    @Test
    void an_eligible_consented_subject_is_enrolled_once() {
        fixture.given(ELIGIBLE)
                .when(new EnrolPatient(SUBJECT, SCREENED_ON.plusDays(1), S01))
                .expectEvents(new PatientEnrolled(SUBJECT, "S01", SCREENED_ON.plusDays(1), NOW, "1.0"));
        fixture.given(ELIGIBLE, new PatientEnrolled(SUBJECT, "S01", SCREENED_ON, NOW, "1.0"))
                .when(new EnrolPatient(SUBJECT, SCREENED_ON.plusDays(2), S01))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void an_ineligible_subject_is_not_enrolled() {
        fixture.given(INELIGIBLE)
                .when(new EnrolPatient(SUBJECT, SCREENED_ON, S01))
                .expectExceptionMessage("Only an eligible, consented subject can be enrolled; the latest screening was not eligible.")
                .expectNoEvents();
    }

    @Test
    void enrolment_cannot_precede_the_screening() {
        fixture.given(ELIGIBLE)
                .when(new EnrolPatient(SUBJECT, SCREENED_ON.minusDays(1), S01))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void a_withdrawn_subject_cannot_be_enrolled_or_withdrawn_again() {
        PatientWithdrawn withdrawn = new PatientWithdrawn(SUBJECT, "S01", SCREENED_ON.plusDays(3), NOW,
                "guardian's decision", true);
        fixture.given(ELIGIBLE)
                .when(new WithdrawPatient(SUBJECT, SCREENED_ON.plusDays(3), "guardian's decision", true, S01))
                .expectEvents(withdrawn);
        fixture.given(ELIGIBLE, withdrawn)
                .when(new EnrolPatient(SUBJECT, SCREENED_ON.plusDays(4), S01))
                .expectException(CommandRefused.class)
                .expectNoEvents();
        fixture.given(ELIGIBLE, withdrawn)
                .when(new WithdrawPatient(SUBJECT, SCREENED_ON.plusDays(4), "again", false, S01))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }
}
