package org.cartrial.support.events;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.support.security.Caller;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way an event leaves its service: an Axon streaming processor (its token in the event-store database)
 * reads the store in order and sends each published event to the context's Kafka topic, keyed by subject id,
 * in CloudEvents binary mode ({@code ce_id} = the Axon event id). The send is synchronous (acks=all): the token
 * moves on only after Kafka has the record, and a failed send stops the processor, which retries from its token.
 * A crash between ack and token commit re-sends, so consumers de-duplicate on {@code ce_id}.
 */
@ProcessingGroup(DomainEventForwarder.PROCESSING_GROUP)
public class DomainEventForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";
    /** CloudEvents extension attributes: who caused the event (user and roles), for audit by any subscriber. */
    public static final String ACTOR_USER_ATTRIBUTE = "actoruser";
    public static final String ACTOR_ROLES_ATTRIBUTE = "actorroles";
    private static final String HEADER_ACTOR_USER = CloudEventMessageUtils.KAFKA_ATTR_PREFIX + ACTOR_USER_ATTRIBUTE;
    private static final String HEADER_ACTOR_ROLES = CloudEventMessageUtils.KAFKA_ATTR_PREFIX + ACTOR_ROLES_ATTRIBUTE;

    private final StreamBridge streamBridge;
    private final ObjectMapper objectMapper;

    public DomainEventForwarder(StreamBridge streamBridge, ObjectMapper objectMapper) {
        this.streamBridge = streamBridge;
        this.objectMapper = objectMapper;
    }

    @EventHandler
    void forward(Object payload, EventMessage<?> event) throws JsonProcessingException {
        if (!EventCatalogue.isPublished(payload.getClass())) {
            return; // internal events of the context stay inside it
        }
        TrialEvent trialEvent = (TrialEvent) payload;
        var context = EventCatalogue.contextOf(payload.getClass());
        CloudEventMessageBuilder<byte[]> builder = CloudEventMessageBuilder
                .withData(objectMapper.writeValueAsBytes(payload))
                .setId(event.getIdentifier())
                .setSpecVersion("1.0")
                .setSource(context.source())
                .setType(EventCatalogue.typeOf(payload.getClass()))
                .setSubject(trialEvent.subjectId())
                .setTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .setDataContentType("application/json")
                .setHeader(KafkaHeaders.KEY, trialEvent.subjectId().getBytes(StandardCharsets.UTF_8));
        Object user = event.getMetaData().get(Caller.META_USER);
        if (user != null) {
            builder.setHeader(HEADER_ACTOR_USER, user.toString());
            builder.setHeader(HEADER_ACTOR_ROLES, String.valueOf(event.getMetaData().get(Caller.META_ROLES)));
        }
        Message<byte[]> message = builder.build(CloudEventMessageUtils.KAFKA_ATTR_PREFIX);
        if (!streamBridge.send(context.topic(), message)) {
            throw new IllegalStateException("Kafka refused event " + event.getIdentifier() + "; will retry");
        }
    }
}
