package org.cartrial.infusion.protocol;

import java.util.List;
import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.protocol.ProtocolVersionsProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The protocol versions the infusion rules apply (the dose range in force on the infusion date), fed from the
 * enrollment topic's ProtocolAmended events (binding {@code protocolEvents-in-0}, group
 * {@code infusion-protocol-versions}, read from the topic's start) into the shared read model.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolVersionsConfiguration {

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
