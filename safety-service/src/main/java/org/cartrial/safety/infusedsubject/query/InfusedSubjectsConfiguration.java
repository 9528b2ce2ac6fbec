package org.cartrial.safety.infusedsubject.query;

import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds the infusion topic into the infused-subjects read model (binding {@code infusionEvents-in-0}). */
@Configuration(proxyBeanMethods = false)
class InfusedSubjectsConfiguration {

    @Bean
    InfusedSubjectsProjection infusedSubjectsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new InfusedSubjectsProjection(projection, mongo);
    }

    @Bean
    Consumer<Message<byte[]>> infusionEvents(PublishedEventReader reader, InfusedSubjectsProjection infusedSubjects) {
        return message -> infusedSubjects.apply(reader.read(message));
    }
}
