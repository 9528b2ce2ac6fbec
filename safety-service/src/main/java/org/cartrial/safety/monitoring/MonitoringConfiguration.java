package org.cartrial.safety.monitoring;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.safety.monitoring.domain.MonitoringSettings;
import org.cartrial.safety.monitoring.domain.SafetyMonitor;
import org.cartrial.safety.monitoring.query.MonitoringStatusQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The safety monitor aggregate, its settings (protocol settings, from configuration) and what feeds it. */
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
    MonitoringSettings monitoringSettings(
            @Value("${trial.safety.monitoring.settings-version:1.0}") String version,
            @Value("${trial.safety.monitoring.prior-alpha:1}") double priorAlpha,
            @Value("${trial.safety.monitoring.prior-beta:1}") double priorBeta,
            @Value("${trial.safety.monitoring.toxicity-rate-threshold:0.20}") double toxicityRateThreshold,
            @Value("${trial.safety.monitoring.probability-threshold:0.90}") double probabilityThreshold,
            @Value("${trial.safety.monitoring.boundary-table-size:50}") int boundaryTableSize) {
        return new MonitoringSettings(version, priorAlpha, priorBeta, toxicityRateThreshold, probabilityThreshold,
                boundaryTableSize);
    }

    @Bean
    MonitoringFeed monitoringFeed(CommandGateway commands) {
        return new MonitoringFeed(commands);
    }

    @Bean
    MonitoringStatusQuery monitoringStatusQuery(EventStore eventStore, MonitoringSettings settings) {
        return new MonitoringStatusQuery(eventStore, settings);
    }

    @Bean
    MonitoringRuleMeters monitoringRuleMeters(MonitoringStatusQuery query) {
        return new MonitoringRuleMeters(query);
    }
}
