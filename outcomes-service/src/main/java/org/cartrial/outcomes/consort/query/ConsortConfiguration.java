package org.cartrial.outcomes.consort.query;

import java.util.function.Consumer;

import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds the enrollment topic into the CONSORT read model (binding {@code enrollmentEvents-in-0}), a batch at a time. */
@Configuration(proxyBeanMethods = false)
class ConsortConfiguration {

    @Bean
    ConsortProjection consortProjection(IdempotentProjection projection, MongoTemplate mongo,
            @org.springframework.beans.factory.annotation.Value("${TRIAL_READ_MODEL_RESYNC:PT0S}")
            java.time.Duration resync) {
        return new ConsortProjection(projection, mongo, resync);
    }

    @Bean
    Consumer<Message<java.util.List<byte[]>>> enrollmentEvents(EventBatches batches, ConsortProjection consort) {
        return batches.consumer("enrollmentEvents-in-0", consort::apply);
    }

    @Bean
    ReadModel consortReadModel() {
        return new ReadModel("consort", "enrollmentEvents-in-0", java.util.List.of(ConsortProjection.COLLECTION));
    }
}
