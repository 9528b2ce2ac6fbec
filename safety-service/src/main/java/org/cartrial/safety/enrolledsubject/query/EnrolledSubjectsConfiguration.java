package org.cartrial.safety.enrolledsubject.query;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.EventBatches;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Feeds the enrollment topic (binding {@code enrollmentEvents-in-0}) into the enrolled-subjects read model. A
 * duplicate delivery is a no-op; a batch at a time, a record that fails is dead-lettered alone ({@link EventBatches}).
 */
@Configuration(proxyBeanMethods = false)
class EnrolledSubjectsConfiguration {

    @Bean
    EnrolledSubjectsProjection enrolledSubjectsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new EnrolledSubjectsProjection(projection, mongo);
    }

    @Bean
    Consumer<Message<List<byte[]>>> enrollmentEvents(EventBatches batches, EnrolledSubjectsProjection enrolled) {
        return batches.consumer("enrollmentEvents-in-0", enrolled::apply);
    }

    @Bean
    ReadModel enrolledSubjectsReadModel() {
        return new ReadModel("enrolled-subjects", "enrollmentEvents-in-0", List.of(EnrolledSubjectsProjection.COLLECTION));
    }
}
