package org.cartrial.safety.infusedsubject.query;

import java.util.function.Consumer;

import org.cartrial.safety.monitoring.MonitoringFeed;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Feeds the infusion topic (binding {@code infusionEvents-in-0}) into the infused-subjects read model and the safety
 * monitor. A duplicate delivery is a no-op for both; a failure is retried by the binder, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class InfusedSubjectsConfiguration {

    @Bean
    InfusedSubjectsProjection infusedSubjectsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new InfusedSubjectsProjection(projection, mongo);
    }

    /** Day 0 into the read model, and the CD19 infusion into the safety monitor's denominator. */
    @Bean
    Consumer<Message<byte[]>> infusionEvents(PublishedEventReader reader, InfusedSubjectsProjection infusedSubjects,
            MonitoringFeed monitoring) {
        return message -> {
            ReceivedEvent event = reader.read(message);
            infusedSubjects.apply(event);
            monitoring.infusion(event);
        };
    }
}
