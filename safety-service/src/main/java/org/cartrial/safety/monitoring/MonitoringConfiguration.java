package org.cartrial.safety.monitoring;

import java.time.Clock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.safety.monitoring.domain.SafetyMonitor;
import org.cartrial.safety.monitoring.query.MonitoringStatusQuery;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The safety monitor aggregate and what feeds it. Its settings are protocol settings: the aggregate takes them from
 * the protocol versions read model (enrollment's amendments), by the clinical date of each change.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    ConfigurerModule safetyMonitorAggregate() {
        return configurer -> configurer.configureAggregate(SafetyMonitor.class);
    }

    /** A command the feed could not complete stops the processor, which retries from its token. */
    @Bean
    ConfigurerModule monitoringFeedFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                MonitoringFeed.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    MonitoringFeed monitoringFeed(CommandGateway commands) {
        return new MonitoringFeed(commands);
    }

    @Bean
    MonitoringStatusQuery monitoringStatusQuery(EventStore eventStore, ProtocolVersions protocol, Clock clock) {
        return new MonitoringStatusQuery(eventStore, protocol, clock);
    }

    @Bean
    MonitoringRuleMeters monitoringRuleMeters(MonitoringStatusQuery query) {
        return new MonitoringRuleMeters(query);
    }
}
