package org.cartrial.support.events;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a Kafka record of the published language back into its event record. */
public class PublishedEventReader {

    private final ObjectMapper objectMapper;

    public PublishedEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public ReceivedEvent read(Message<byte[]> message) {
        String id = header(message, "id");
        String type = header(message, "type");
        if (id == null || type == null) {
            throw new PoisonEvent("record without ce_id or ce_type", null);
        }
        Class<? extends TrialEvent> eventClass = EventCatalogue.classOf(type)
                .orElseThrow(() -> new PoisonEvent("unknown event type " + type, null));
        try {
            TrialEvent payload = objectMapper.readValue(message.getPayload(), eventClass);
            String time = header(message, "time");
            Object actor = message.getHeaders().get(DomainEventForwarder.HEADER_ACTOR_USER);
            return new ReceivedEvent(id, type, time == null ? null : OffsetDateTime.parse(time).toInstant(),
                    actor == null ? null : text(actor), payload);
        } catch (IOException | RuntimeException e) {
            throw new PoisonEvent("cannot read " + type + " " + id + ": " + e.getMessage(), e);
        }
    }

    private static String header(Message<?> message, String attribute) {
        Object value = message.getHeaders().get(CloudEventMessageUtils.KAFKA_ATTR_PREFIX + attribute);
        return value == null ? null : text(value);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

}
