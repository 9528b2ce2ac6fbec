package org.cartrial.safety.surveillance;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.safety.surveillance.domain.ToxicitySurveillance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java ToxicitySurveillance aggregate with Axon (event-sourced). */
@Configuration(proxyBeanMethods = false)
public class ToxicitySurveillanceConfiguration {

    @Bean
    ConfigurerModule toxicitySurveillanceAggregate() {
        return configurer -> configurer.configureAggregate(ToxicitySurveillance.class);
    }
}
