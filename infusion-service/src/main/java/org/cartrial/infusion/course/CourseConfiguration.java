package org.cartrial.infusion.course;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.infusion.course.domain.InfusionCourse;
import org.cartrial.infusion.course.domain.InfusionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the plain-Java InfusionCourse aggregate with Axon (event-sourced) and the resources its handlers use:
 * the protocol settings and the clock here, the clinical readiness from the readiness read model.
 */
@Configuration(proxyBeanMethods = false)
class CourseConfiguration {

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
