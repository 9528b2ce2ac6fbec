package org.cartrial.enrollment.subject;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.cartrial.enrollment.screening.domain.EligibilityRules;
import org.cartrial.enrollment.screening.domain.EligibilitySettings;
import org.cartrial.enrollment.subject.domain.Subject;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the plain-Java Subject aggregate with Axon (event-sourced) and the resources its handlers use. */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    @Bean
    ConfigurerModule subjectAggregate() {
        return configurer -> configurer.configureAggregate(Subject.class);
    }

    @Bean
    EligibilityRules eligibilityRules() {
        return new EligibilityRules(EligibilitySettings.PROTOCOL_1_0);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
