package org.cartrial.outcomes.course;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.outcomes.course.domain.ClinicalCourse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clinical course aggregate. Its response criteria come from the protocol versions read model (trial-support's
 * {@code ProtocolVersionsConfiguration}, fed by the {@code protocolEvents-in-0} binding), not from a bean here.
 */
@Configuration(proxyBeanMethods = false)
class CourseConfiguration {

    @Bean
    ConfigurerModule clinicalCourseAggregate() {
        return configurer -> configurer.configureAggregate(ClinicalCourse.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
