package org.cartrial.support.protocol;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
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

    @Bean
    Consumer<Message<byte[]>> protocolEvents(PublishedEventReader reader, ProtocolVersionsProjection versions) {
        return message -> versions.apply(reader.read(message));
    }

    @Bean
    ReadModel protocolVersionsReadModel() {
        return new ReadModel("protocol-versions", "protocolEvents-in-0",
                List.of(ProtocolVersionsProjection.COLLECTION));
    }
}
