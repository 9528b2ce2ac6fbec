package org.cartrial.outcomes.cutoff.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A data cut-off is sealed once, with a reason, and never in the future. */
class DataCutoffSealTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
    private static final LocalDate CUTOFF = LocalDate.of(2026, 11, 30);
    private static final Instant RECORDED_UP_TO = Instant.parse("2026-12-03T17:00:00Z");
    private static final Map<String, Long> POSITION = Map.of("trial.safety.events-0", 41L,
            "trial.enrollment.events-1", 7L);

    private AggregateTestFixture<DataCutoffSeal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataCutoffSeal.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SealDataCutoff seal(LocalDate cutoff, String reason) {
        return SealDataCutoff.of(cutoff, RECORDED_UP_TO, POSITION, 1234, "ab12", reason);
    }

    private static DataCutoffSealed sealed() {
        return new DataCutoffSealed(DataCutoffSeal.idOf(CUTOFF), CUTOFF, RECORDED_UP_TO, new TreeMap<>(POSITION), 1234,
                "ab12", "DSMB meeting", NOW);
    }

    @Test
    void a_cutoff_is_sealed_with_its_position_hash_and_reason() {
        fixture.givenNoPriorActivity()
                .when(seal(CUTOFF, "  DSMB meeting "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(sealed());
    }

    @Test
    void a_sealed_cutoff_is_not_sealed_again() {
        fixture.given(sealed())
                .when(seal(CUTOFF, "again"))
                .expectNoEvents()
                .expectExceptionMessage("The data cut-off 2026-11-30 is sealed already; its figures stay as sealed.")
                .expectException(CommandRefused.class);
    }

    @Test
    void a_cutoff_in_the_future_is_refused() {
        fixture.givenNoPriorActivity()
                .when(seal(LocalDate.of(2026, 12, 5), "DSMB"))
                .expectNoEvents()
                .expectException(CommandRefused.class);
    }

    @Test
    void a_cutoff_without_a_reason_is_refused() {
        fixture.givenNoPriorActivity()
                .when(seal(CUTOFF, " "))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Say why"));
    }

    @Test
    void the_seal_id_names_the_cutoff() {
        assertThat(DataCutoffSeal.idOf(CUTOFF)).isEqualTo("cutoff-2026-11-30");
    }
}
