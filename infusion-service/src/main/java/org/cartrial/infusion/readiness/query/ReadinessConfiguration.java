package org.cartrial.infusion.readiness.query;

import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.EventBatches;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Feeds the enrollment, outcomes and safety topics into the readiness read model: one consumer function (binding
 * {@code clinicalEvents-in-0}, group {@code infusion-service}) bound to the three topics.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessConfiguration {

    @Bean
    ReadinessProjection readinessProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new ReadinessProjection(projection, mongo);
    }

    @Bean
    Consumer<Message<java.util.List<byte[]>>> clinicalEvents(EventBatches batches, ReadinessProjection readiness) {
        return batches.consumer("clinicalEvents-in-0", readiness::apply);
    }

    @Bean
    ReadModel readinessReadModel() {
        return new ReadModel("readiness", "clinicalEvents-in-0", java.util.List.of(ReadinessProjection.COLLECTION));
    }
}
