package org.cartrial.safety.adverseevent;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.safety.adverseevent.domain.AdverseEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java AdverseEvent aggregate with Axon (event-sourced) and the resources its handlers use. */
@Configuration(proxyBeanMethods = false)
class AdverseEventConfiguration {

    @Bean
    ConfigurerModule adverseEventAggregate() {
        return configurer -> configurer.configureAggregate(AdverseEvent.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
