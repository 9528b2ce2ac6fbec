package org.cartrial.outcomes.consort.query;

import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds the enrollment topic into the CONSORT read model (binding {@code enrollmentEvents-in-0}). */
@Configuration(proxyBeanMethods = false)
class ConsortConfiguration {

    @Bean
    ConsortProjection consortProjection(IdempotentProjection projection, MongoTemplate mongo,
            @org.springframework.beans.factory.annotation.Value("${TRIAL_READ_MODEL_RESYNC:PT0S}")
            java.time.Duration resync) {
        return new ConsortProjection(projection, mongo, resync);
    }

    @Bean
    Consumer<Message<byte[]>> enrollmentEvents(PublishedEventReader reader, ConsortProjection consort) {
        return message -> consort.apply(reader.read(message));
    }

    @Bean
    ReadModel consortReadModel() {
        return new ReadModel("consort", "enrollmentEvents-in-0", java.util.List.of(ConsortProjection.COLLECTION));
    }
}
