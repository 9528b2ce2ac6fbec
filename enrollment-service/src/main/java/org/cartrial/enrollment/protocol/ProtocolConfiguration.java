package org.cartrial.enrollment.protocol;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

    @Bean
    ConfigurerModule protocolAggregate() {
        return configurer -> configurer.configureAggregate(Protocol.class);
    }

    /** Read by Axon's auto-configuration, which registers every EventUpcaster bean with the event store. */
    @Bean
    LegacyProtocolAmendedUpcaster legacyProtocolAmendedUpcaster() {
        return new LegacyProtocolAmendedUpcaster();
    }

    @Bean
    EventStoreProtocolVersions protocolVersions(EventStore eventStore) {
        return new EventStoreProtocolVersions(eventStore);
    }
}
