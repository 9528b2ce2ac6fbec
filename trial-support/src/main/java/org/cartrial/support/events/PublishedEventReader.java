package org.cartrial.support.events;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a Kafka record of the published language back into its event record. */
public class PublishedEventReader {

    private static final List<String> PREFIXES = List.of(CloudEventMessageUtils.KAFKA_ATTR_PREFIX,
            CloudEventMessageUtils.DEFAULT_ATTR_PREFIX, "ce.");

    private static final Logger log = LoggerFactory.getLogger(PublishedEventReader.class);

    private final ObjectMapper objectMapper;

    /**
     * A tolerant reader: fields added to an event by a newer producer are ignored, so adding a field is not a
     * breaking change of the published language (request bodies, by contrast, refuse unknown fields).
     */
    public PublishedEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper.copy()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
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
            log.debug("received {} {} of subject {}", type, id, payload.subjectId());
            String time = header(message, "time");
            return new ReceivedEvent(id, type, time == null ? null : OffsetDateTime.parse(time).toInstant(),
                    header(message, DomainEventForwarder.ACTOR_USER_ATTRIBUTE), payload, position(message));
        } catch (IOException | RuntimeException e) {
            throw new PoisonEvent("cannot read " + type + " " + id + ": " + e.getMessage(), e);
        }
    }

    /** The record's topic partition and offset, as Spring Kafka's receiving headers give them. */
    private static EventPosition position(Message<?> message) {
        Object topic = message.getHeaders().get("kafka_receivedTopic");
        Object partition = message.getHeaders().get("kafka_receivedPartitionId");
        Object offset = message.getHeaders().get("kafka_offset");
        return topic instanceof String t && partition instanceof Number p && offset instanceof Number o
                ? EventPosition.of(t, p.intValue(), o.longValue()) : null;
    }

    /**
     * A CloudEvents attribute, whatever prefix it arrives under: Kafka's {@code ce_}, or the {@code ce-} that
     * Spring Cloud Function canonicalises incoming CloudEvent headers to.
     */
    private static String header(Message<?> message, String attribute) {
        for (String prefix : PREFIXES) {
            Object value = message.getHeaders().get(prefix + attribute);
            if (value != null) {
                return text(value);
            }
        }
        return null;
    }

    /** A header's value as text: the binder gives a Kafka header as bytes, a converted one as a string. */
    static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

}
