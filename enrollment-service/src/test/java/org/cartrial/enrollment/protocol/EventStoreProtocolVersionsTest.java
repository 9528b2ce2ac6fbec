package org.cartrial.enrollment.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStoreProtocolVersionsTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventStoreProtocolVersions versions = new EventStoreProtocolVersions(eventStore);

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    private void amend(long sequenceNumber, String version, LocalDate from) {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        ProtocolSettings settings = new ProtocolSettings(version, from, v1.minAgeYears(), v1.maxAgeYears(),
                v1.cd19ExpressionAbovePercent(), v1.cd22ExpressionAbovePercent(), v1.mrdPositiveMoreThanMonths(),
                v1.lanskyBelowAgeYears(), v1.minLansky(), v1.minKarnofsky(), v1.maxEcog(), v1.assentFromAgeYears(),
                v1.minDose10e6CellsPerKg(), v1.maxDose10e6CellsPerKg());
        eventStore.publish(new GenericDomainEventMessage<>("Protocol", Protocol.ID, sequenceNumber,
                new ProtocolAmended(settings, "test", Instant.now())));
    }

    @Test
    void withoutAmendmentsVersionOneIsInForce() {
        assertThat(versions.effectiveOn(LocalDate.of(2026, 1, 1))).isEqualTo(ProtocolSettings.VERSION_1_0);
    }

    @Test
    void theNextDecisionAfterAnAmendmentSeesIt() {
        assertThat(versions.all()).hasSize(1);

        amend(0, "2.0", LocalDate.of(2025, 1, 1));
        assertThat(versions.effectiveOn(LocalDate.of(2026, 1, 1)).version()).isEqualTo("2.0");

        amend(1, "3.0", LocalDate.of(2026, 1, 1));
        assertThat(versions.effectiveOn(LocalDate.of(2026, 1, 1)).version()).isEqualTo("3.0");
        assertThat(versions.all()).extracting(ProtocolSettings::version).containsExactly("1.0", "2.0", "3.0");
    }
}
