package org.cartrial.infusion.course;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.infusion.course.domain.InfusionCourse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the plain-Java InfusionCourse aggregate with Axon (event-sourced) and the resources its handlers use:
 * the clock here, the protocol versions and the clinical readiness from their read models.
 */
@Configuration(proxyBeanMethods = false)
class CourseConfiguration {

    @Bean
    ConfigurerModule infusionCourseAggregate() {
        return configurer -> configurer.configureAggregate(InfusionCourse.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
