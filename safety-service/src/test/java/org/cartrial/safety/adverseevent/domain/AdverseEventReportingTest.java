package org.cartrial.safety.adverseevent.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventReported;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdverseEventReportingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate ONSET = LocalDate.of(2026, 11, 21);
    private static final String AE_ID = "5b0c9a4e-2f1d-4a57-9c35-0d6a1f3e8b21";

    private AggregateTestFixture<AdverseEvent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdverseEvent.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ReportAdverseEvent report(int grade) {
        return new ReportAdverseEvent(AE_ID, "S01-0001", "S01", "Cytokine release syndrome", ONSET, grade, true,
                RelationshipToCarT.DEFINITE, true);
    }

    private static AdverseEventReported reported(int grade) {
        return new AdverseEventReported("S01-0001", "S01", ONSET, NOW, AE_ID, "Cytokine release syndrome", grade,
                true, "definite", true, "1.0");
    }

    @ParameterizedTest(name = "grade {0} is recorded")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void an_adverse_event_is_recorded_with_its_grade(int grade) {
        fixture.givenNoPriorActivity()
                .when(report(grade))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reported(grade))
                .expectResultMessagePayload(reported(grade));
    }

    @Test
    void the_relationship_travels_as_its_code() {
        fixture.givenNoPriorActivity()
                .when(new ReportAdverseEvent(AE_ID, "S01-0001", "S01", "Febrile neutropenia", ONSET, 3, false,
                        RelationshipToCarT.UNLIKELY, false))
                .expectEvents(new AdverseEventReported("S01-0001", "S01", ONSET, NOW, AE_ID, "Febrile neutropenia", 3,
                        false, "unlikely", false, "1.0"));
    }

    @ParameterizedTest(name = "grade {0} is refused")
    @ValueSource(ints = {0, 6})
    void a_grade_outside_ctcae_is_refused(int grade) {
        fixture.givenNoPriorActivity()
                .when(report(grade))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "grade-out-of-range", "grade"))
                .expectNoEvents();
    }

    @Test
    void an_adverse_event_is_reported_once() {
        fixture.given(reported(3))
                .when(report(4))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-reported", null))
                .expectNoEvents();
    }

    private static Matcher<CommandRefused> refused(CommandRefused.Reason reason, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused ex) {
                return ex.reason() == reason && code.equals(ex.code()) && Objects.equals(field, ex.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandRefused " + reason + " " + code + " on " + field);
            }
        };
    }
}
