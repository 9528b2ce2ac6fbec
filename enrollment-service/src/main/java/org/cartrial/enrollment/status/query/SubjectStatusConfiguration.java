package org.cartrial.enrollment.status.query;

import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds the enrollment, infusion and outcomes topics into the subject-status read model. */
@Configuration(proxyBeanMethods = false)
class SubjectStatusConfiguration {

    @Bean
    SubjectStatusProjection subjectStatusProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new SubjectStatusProjection(projection, mongo);
    }

    @Bean
    Consumer<Message<java.util.List<byte[]>>> subjectStatusEvents(EventBatches batches,
            SubjectStatusProjection statuses) {
        return batches.consumer("subjectStatusEvents-in-0", statuses::apply);
    }
}
