package org.cartrial.infusion.infusion;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.infusion.infusion.domain.InfusionCourse;
import org.cartrial.infusion.infusion.domain.InfusionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java InfusionCourse aggregate with Axon (event-sourced) and the resources its handlers use. */
@Configuration(proxyBeanMethods = false)
class InfusionConfiguration {

    @Bean
    ConfigurerModule infusionCourseAggregate() {
        return configurer -> configurer.configureAggregate(InfusionCourse.class);
    }

    @Bean
    InfusionSettings infusionSettings() {
        return InfusionSettings.PROTOCOL_1_0;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
