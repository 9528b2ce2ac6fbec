package org.cartrial.outcomes.export.query;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
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

    @Bean
    Consumer<Message<byte[]>> auditTrailEvents(PublishedEventReader reader, AuditTrailProjection trails) {
        return message -> trails.apply(reader.read(message));
    }

    @Bean
    ReadModel auditTrailsReadModel() {
        return new ReadModel("audit-trails", "auditTrailEvents-in-0", List.of(AuditTrailProjection.COLLECTION));
    }
}
