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

    @Bean
    EventStoreProtocolVersions protocolVersions(EventStore eventStore) {
        return new EventStoreProtocolVersions(eventStore);
    }
}
