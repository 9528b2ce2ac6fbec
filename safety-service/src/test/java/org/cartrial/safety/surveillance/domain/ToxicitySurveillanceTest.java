package org.cartrial.safety.surveillance.domain;

import org.cartrial.api.protocol.ProtocolHistory;
import static org.cartrial.testsupport.RefusalMatcher.refused;
import static org.cartrial.testsupport.RefusalMatcher.ruleBroken;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The end of a subject's CRS or ICANS surveillance without the syndrome: recorded once, never in the future. */
class ToxicitySurveillanceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final LocalDate DAY_0 = LocalDate.of(2026, 10, 20);
    private static final String SUBJECT = "S01-0001";
    private static final String SITE = "S01";
    private static final SiteScope OWN_SITE = SiteScope.of(Set.of(SITE));
    private static final SiteScope OTHER_SITE = SiteScope.of(Set.of("S02"));

    private AggregateTestFixture<ToxicitySurveillance> fixture;
    /** The protocol versions this context learnt: version 1.0 until a test adds an amendment. */
    private final ProtocolHistory protocol = new ProtocolHistory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ToxicitySurveillance.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(protocol);
    }

    private static CompleteToxicitySurveillance complete(Syndrome syndrome, LocalDate from, LocalDate to,
            boolean observed) {
        return CompleteToxicitySurveillance.of(SUBJECT, SITE, OWN_SITE, syndrome, from, to, observed);
    }

    private static ToxicitySurveillanceCompleted completed(Syndrome syndrome, LocalDate from, LocalDate to) {
        return new ToxicitySurveillanceCompleted(SUBJECT, SITE, to, NOW, syndrome.name(), from, to, false, "1.0");
    }

    @Test
    void a_surveillance_without_crs_is_recorded_on_its_last_day_observed() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, DAY_0, DAY_0.plusDays(28), false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(completed(Syndrome.CRS, DAY_0, DAY_0.plusDays(28)))
                .expectResultMessagePayload(completed(Syndrome.CRS, DAY_0, DAY_0.plusDays(28)));
    }

    @Test
    void a_period_of_one_day_ending_today_is_allowed() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.ICANS, TODAY, TODAY, false))
                .expectEvents(completed(Syndrome.ICANS, TODAY, TODAY));
    }

    @Test
    void crs_and_icans_of_one_subject_are_two_surveillances() {
        org.assertj.core.api.Assertions.assertThat(CompleteToxicitySurveillance.surveillanceIdOf(SUBJECT, Syndrome.CRS))
                .isEqualTo("S01-0001:crs")
                .isNotEqualTo(CompleteToxicitySurveillance.surveillanceIdOf(SUBJECT, Syndrome.ICANS));
    }

    @Test
    void a_second_completion_for_the_same_syndrome_is_a_conflict() {
        fixture.given(completed(Syndrome.CRS, DAY_0, DAY_0.plusDays(28)))
                .when(complete(Syndrome.CRS, DAY_0, DAY_0.plusDays(30), false))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Reason.CONFLICT, "surveillance-already-completed", null));
    }

    @Test
    void a_second_completion_from_another_site_learns_nothing_about_the_subject() {
        fixture.given(completed(Syndrome.CRS, DAY_0, DAY_0.plusDays(28)))
                .when(CompleteToxicitySurveillance.of(SUBJECT, "S02", OTHER_SITE, Syndrome.CRS, DAY_0,
                        DAY_0.plusDays(28), false))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null));
    }

    @Test
    void an_observed_syndrome_is_an_adverse_event_not_a_completed_surveillance() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, DAY_0, DAY_0.plusDays(28), true))
                .expectNoEvents()
                .expectException(ruleBroken("syndrome-observed", "observed"));
    }

    @Test
    void the_period_cannot_end_in_the_future() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, DAY_0, TODAY.plusDays(1), false))
                .expectNoEvents()
                .expectException(ruleBroken("observed-in-the-future", "observedTo"));
    }

    @Test
    void the_period_cannot_start_in_the_future() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.ICANS, TODAY.plusDays(2), TODAY.plusDays(3), false))
                .expectNoEvents()
                .expectException(ruleBroken("observed-in-the-future", "observedFrom"));
    }

    @Test
    void the_period_cannot_end_before_it_starts() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, DAY_0.plusDays(28), DAY_0, false))
                .expectNoEvents()
                .expectException(ruleBroken("observation-period-reversed", "observedTo"));
    }

    @Test
    void both_ends_of_the_period_are_required() {
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, null, DAY_0, false))
                .expectNoEvents()
                .expectException(ruleBroken("observedFrom-required", "observedFrom"));
        fixture.givenNoPriorActivity()
                .when(complete(Syndrome.CRS, DAY_0, null, false))
                .expectNoEvents()
                .expectException(ruleBroken("observedTo-required", "observedTo"));
    }
}
