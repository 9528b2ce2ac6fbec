package org.cartrial.support.protocol;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The protocol versions a context's rules apply (the version in force on the clinical date), fed from the enrollment
 * topic's ProtocolAmended events into the shared read model, in every service that binds
 * {@code protocolEvents-in-0} (its own group, read from the topic's start): one configuration, not one per service.
 */
@AutoConfiguration
@ConditionalOnProperty("spring.cloud.stream.bindings.protocolEvents-in-0.destination")
public class ProtocolVersionsConfiguration {

    @Bean
    ProtocolVersionsProjection protocolVersions(IdempotentProjection projection,
            org.springframework.data.mongodb.core.MongoTemplate mongo) {
        return new ProtocolVersionsProjection(projection, mongo);
    }

    /**
     * A batch at a time ({@link EventBatches}; the binding needs {@code consumer.batch-mode: true} and
     * {@code content-type: application/octet-stream}): the group reads every record of the enrollment topic, almost
     * all of them screenings and enrolments it does not use, and paid the whole per-record pipeline for each. Every
     * record is still read, so an unreadable one is dead-lettered by this group as by the others.
     */
    @Bean
    Consumer<Message<List<byte[]>>> protocolEvents(EventBatches batches, ProtocolVersionsProjection versions) {
        return batches.consumer("protocolEvents-in-0", versions::apply);
    }

    @Bean
    ReadModel protocolVersionsReadModel() {
        return new ReadModel("protocol-versions", "protocolEvents-in-0",
                List.of(ProtocolVersionsProjection.COLLECTION));
    }
}
