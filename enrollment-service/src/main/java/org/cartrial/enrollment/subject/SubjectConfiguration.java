package org.cartrial.enrollment.subject;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.enrollment.subject.domain.Subject;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java Subject aggregate with Axon (event-sourced) and the clock its handlers use. */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    @Bean
    ConfigurerModule subjectAggregate() {
        return configurer -> configurer.configureAggregate(Subject.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
