package org.cartrial.outcomes.course;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.outcomes.course.domain.ClinicalCourse;
import org.cartrial.outcomes.course.domain.ResponseCriteria;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CourseConfiguration {

    @Bean
    ConfigurerModule clinicalCourseAggregate() {
        return configurer -> configurer.configureAggregate(ClinicalCourse.class);
    }

    @Bean
    ResponseCriteria responseCriteria() {
        return ResponseCriteria.VERSION_1_0;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
