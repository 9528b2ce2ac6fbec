package org.cartrial.enrollment.protocol.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The amendment rule: a new version, taking effect after every earlier one; old decisions keep theirs. */
class ProtocolTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private AggregateTestFixture<Protocol> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Protocol.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProtocolSettings version(String version, LocalDate from) {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        return new ProtocolSettings(version, from, v1.minAgeYears(), new BigDecimal("21"),
                v1.cd19ExpressionAbovePercent(), v1.cd22ExpressionAbovePercent(), 3, v1.lanskyBelowAgeYears(), 50, 50,
                2, v1.assentFromAgeYears(), v1.minDose10e6CellsPerKg(), v1.maxDose10e6CellsPerKg())
                .completedBy(v1);
    }

    @Test
    void an_amendment_adds_a_version_from_its_date_on() {
        ProtocolSettings v2 = version("2.0", LocalDate.of(2027, 1, 1));
        fixture.givenNoPriorActivity()
                .when(new AmendProtocol(Protocol.ID, v2, "upper age 21"))
                .expectEvents(new ProtocolAmended(v2, "upper age 21", NOW));

        ProtocolHistory history = ProtocolHistory.of(List.of(v2));
        assertThat(history.effectiveOn(LocalDate.of(2026, 12, 31)).version()).isEqualTo("1.0");
        assertThat(history.effectiveOn(LocalDate.of(2027, 1, 1)).version()).isEqualTo("2.0");
    }

    @Test
    void a_version_is_never_reused_nor_backdated_before_the_latest() {
        ProtocolSettings v2 = version("2.0", LocalDate.of(2027, 1, 1));
        fixture.given(new ProtocolAmended(v2, "r", NOW))
                .when(new AmendProtocol(Protocol.ID, version("2.0", LocalDate.of(2027, 6, 1)), "again"))
                .expectException(CommandRefused.class)
                .expectNoEvents();
        fixture.given(new ProtocolAmended(v2, "r", NOW))
                .when(new AmendProtocol(Protocol.ID, version("3.0", LocalDate.of(2027, 1, 1)), "same day"))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void an_amendment_publishes_the_full_settings_keeping_what_it_leaves_out_from_the_latest_version() {
        ProtocolSettings v2 = version("2.0", LocalDate.of(2027, 1, 1));
        ProtocolSettings doseOnly = new ProtocolSettings("2.1", LocalDate.of(2027, 6, 1), null, null, null, null,
                null, null, null, null, null, null, new BigDecimal("1.0"), new BigDecimal("4.0"));
        ProtocolSettings published = new ProtocolSettings("2.1", LocalDate.of(2027, 6, 1), v2.minAgeYears(),
                new BigDecimal("21"), v2.cd19ExpressionAbovePercent(), v2.cd22ExpressionAbovePercent(), 3,
                v2.lanskyBelowAgeYears(), 50, 50, 2, v2.assentFromAgeYears(), new BigDecimal("1.0"),
                new BigDecimal("4.0")).completedBy(v2);
        fixture.given(new ProtocolAmended(v2, "upper age 21", NOW))
                .when(new AmendProtocol(Protocol.ID, doseOnly, "narrower dose range"))
                .expectEvents(new ProtocolAmended(published, "narrower dose range", NOW));
    }

    @Test
    void an_inverted_dose_range_is_refused() {
        ProtocolSettings inverted = new ProtocolSettings("2.0", LocalDate.of(2027, 1, 1), null, null, null, null,
                null, null, null, null, null, null, new BigDecimal("5.0"), new BigDecimal("1.0"));
        fixture.givenNoPriorActivity()
                .when(new AmendProtocol(Protocol.ID, inverted, "typo"))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void a_monitoring_rule_that_cannot_be_computed_is_refused() {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        ProtocolSettings certainty = new ProtocolSettings("2.0", LocalDate.of(2027, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, BigDecimal.ONE, null, null);
        fixture.givenNoPriorActivity()
                .when(new AmendProtocol(Protocol.ID, certainty, "typo"))
                .expectException(CommandRefused.class)
                .expectNoEvents();
        assertThat(v1.hasInvalidSafetyRules()).isFalse();
    }

    @Test
    void response_criteria_that_cannot_be_applied_are_refused_naming_the_setting() {
        ProtocolSettings mrdAtHundred = new ProtocolSettings("2.0", LocalDate.of(2027, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new BigDecimal("100"), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new AmendProtocol(Protocol.ID, mrdAtHundred, "typo"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "response-criteria-invalid",
                        "mrdNegativeBelowPercent"))
                .expectNoEvents();
    }

    @Test
    void an_amendment_narrowing_the_cr_threshold_publishes_it_with_the_other_criteria_kept() {
        ProtocolSettings narrowerCr = new ProtocolSettings("2.0", LocalDate.of(2027, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new BigDecimal("1"), null, null, null, null, null, null);
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        fixture.givenNoPriorActivity()
                .when(new AmendProtocol(Protocol.ID, narrowerCr, "CR below 1 % blasts"))
                .expectEvents(new ProtocolAmended(narrowerCr.completedBy(v1), "CR below 1 % blasts", NOW));
        assertThat(narrowerCr.completedBy(v1).mrdNegativeBelowPercent()).isEqualTo(v1.mrdNegativeBelowPercent());
    }
}
