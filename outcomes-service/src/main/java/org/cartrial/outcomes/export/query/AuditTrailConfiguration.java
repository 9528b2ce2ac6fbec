package org.cartrial.outcomes.export.query;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Feeds the enrollment, infusion, safety and outcomes topics into the audit trails (binding
 * {@code auditTrailEvents-in-0}): screening findings, infusions, lymphodepletions, adverse events and the course.
 */
@Configuration(proxyBeanMethods = false)
class AuditTrailConfiguration {

    @Bean
    AuditTrailProjection auditTrailProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new AuditTrailProjection(projection, mongo);
    }

    /** A batch at a time ({@link EventBatches}): each event's state is computed from the event alone. */
    @Bean
    Consumer<Message<List<byte[]>>> auditTrailEvents(EventBatches batches, AuditTrailProjection trails) {
        return batches.consumer("auditTrailEvents-in-0", trails::apply);
    }

    @Bean
    ReadModel auditTrailsReadModel() {
        return new ReadModel("audit-trails", "auditTrailEvents-in-0", List.of(AuditTrailProjection.COLLECTION));
    }
}
