package org.cartrial.safety.adverseevent;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.cartrial.safety.adverseevent.domain.AdverseEvent;
import org.cartrial.safety.adverseevent.query.AdverseEventHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java AdverseEvent aggregate with Axon (event-sourced) and the resources its handlers use. */
@Configuration(proxyBeanMethods = false)
public class AdverseEventConfiguration {

    /** The metadata key of the reason a correction or recoding gives, copied from the command to its event. */
    public static final String META_REASON = "reason";

    @Bean
    ConfigurerModule adverseEventAggregate() {
        return configurer -> configurer.configureAggregate(AdverseEvent.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CorrelationDataProvider reasonCorrelationProvider() {
        return new SimpleCorrelationDataProvider(META_REASON);
    }

    @Bean
    AdverseEventHistory adverseEventHistory(EventStore eventStore) {
        return new AdverseEventHistory(eventStore);
    }
}
