package org.cartrial.enrollment.subject.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.enrollment.screening.domain.ScreeningExamples;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.cartrial.enrollment.site.domain.RegisteredSites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections of screening findings: with a reason, old and new values; the eligibility decided stays. */
class ScreeningCorrectionTest {

    private static final Instant SCREENED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SUBJECT = "S01-0001";
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(ProtocolHistory.of(List.of()));
        fixture.registerInjectableResource((RegisteredSites) site -> Set.of("S01").contains(site));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PatientScreened screened(BigDecimal weightKg) {
        ScreeningFindings f = ScreeningExamples.eligible();
        return new PatientScreened(SUBJECT, "S01", f.screenedOn(), SCREENED, f.ageYears(), weightKg, f.sex(),
                f.performanceScale().name(), f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus().name(),
                f.mrdPositiveSince(), f.cd19ExpressionPercent(), f.cd22ExpressionPercent(), f.consent(), true,
                List.of(), "1.0");
    }

    private static CorrectScreeningFindings correctWeight(String reason, String weightKg, SiteScope scope) {
        return new CorrectScreeningFindings(SUBJECT, reason, "coordinator-s01", new BigDecimal(weightKg), null, null,
                null, null, scope);
    }

    @Test
    void a_corrected_finding_names_old_and_new_value_and_keeps_the_eligibility_decided() {
        PatientScreened before = screened(new BigDecimal("26.4"));
        fixture.given(before)
                .when(correctWeight("scale miscalibrated", "24.6", S01))
                .expectEvents(new ScreeningFindingsCorrected(SUBJECT, "S01", before.occurredOn(), NOW,
                        screened(new BigDecimal("24.6")),
                        List.of(new CorrectedValue("weightKg", "26.4", "24.6")), "scale miscalibrated",
                        "coordinator-s01"));
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
