package org.cartrial.enrollment.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.cartrial.enrollment.site.domain.Site;
import org.cartrial.enrollment.site.domain.SiteRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStoreRegisteredSitesTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventStoreRegisteredSites sites = new EventStoreRegisteredSites(eventStore);

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void theNextScreeningAfterARegistrationSeesTheSite() {
        assertThat(sites.isRegistered("S01")).isFalse();

        eventStore.publish(new GenericDomainEventMessage<>("Site", Site.streamId("S01"), 0,
                new SiteRegistered("S01", "Site one", "DE", Instant.now())));

        assertThat(sites.isRegistered("S01")).isTrue();
        assertThat(sites.isRegistered("S01")).isTrue();
        assertThat(sites.isRegistered("S02")).isFalse();
        assertThat(sites.isRegistered(null)).isFalse();
    }
}
