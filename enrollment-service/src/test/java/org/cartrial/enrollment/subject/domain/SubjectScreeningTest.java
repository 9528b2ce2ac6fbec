package org.cartrial.enrollment.subject.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.enrollment.screening.domain.EligibilityRules;
import org.cartrial.enrollment.screening.domain.EligibilitySettings;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectScreeningTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate SCREENED_ON = LocalDate.of(2026, 11, 20);

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(new EligibilityRules(EligibilitySettings.PROTOCOL_1_0));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ScreenPatient screen(String cd19) {
        return new ScreenPatient("S01-0001", "S01",
                new ScreeningFindings(SCREENED_ON, new BigDecimal("8.5"), new BigDecimal(cd19), new BigDecimal("97")));
    }

    @Test
    void an_eligible_screening_is_recorded_with_its_protocol_version() {
        fixture.givenNoPriorActivity()
                .when(screen("98.2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PatientScreened("S01-0001", "S01", SCREENED_ON, NOW, new BigDecimal("8.5"),
                        new BigDecimal("98.2"), new BigDecimal("97"), true, List.of(), "1.0"));
    }

    @Test
    void an_ineligible_screening_is_recorded_too_for_the_consort_flow() {
        fixture.givenNoPriorActivity()
                .when(screen("95.0"))
                .expectEvents(new PatientScreened("S01-0001", "S01", SCREENED_ON, NOW, new BigDecimal("8.5"),
                        new BigDecimal("95.0"), new BigDecimal("97"), false,
                        List.of(new FailedCriterion("cd19-expression", "CD19 on 95.0% of blasts; must be above 95%")),
                        "1.0"));
    }

    @Test
    void a_subject_is_screened_once() {
        fixture.given(new PatientScreened("S01-0001", "S01", SCREENED_ON, NOW, new BigDecimal("8.5"),
                        new BigDecimal("98.2"), new BigDecimal("97"), true, List.of(), "1.0"))
                .when(screen("98.2"))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }
}
