package org.cartrial.support.events;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.support.consistency.ForwardedEvents;
import org.cartrial.support.observability.TraceContextOnEvents;
import org.cartrial.support.security.Caller;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way an event leaves its service: an Axon tracking processor (its token in the event-store database)
 * reads the store in order and sends each published event to the context's Kafka topic, keyed by subject id, in
 * CloudEvents binary mode ({@code ce_id} = the Axon event id).
 * <p>
 * The sends of one batch go out together (idempotent producer, acks=all, so a subject's events keep their order on
 * its partition) and the batch's unit of work commits the processor's token only after Kafka acknowledged every
 * one of them: a failed send rolls the batch back and the processor retries from its token. A crash between ack
 * and token commit re-sends, so consumers de-duplicate on {@code ce_id}. Each acknowledged position is reported to
 * {@link ForwardedEvents}, where the write that stored the event is waiting to answer it as its consistency token.
 */
@ProcessingGroup(DomainEventForwarder.PROCESSING_GROUP)
public class DomainEventForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";
    /** CloudEvents extension attributes: who caused the event (user and roles), for audit by any subscriber. */
    public static final String ACTOR_USER_ATTRIBUTE = "actoruser";
    public static final String ACTOR_ROLES_ATTRIBUTE = "actorroles";
    private static final String PENDING_SENDS = DomainEventForwarder.class.getName() + ".pendingSends";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final ObjectMapper objectMapper;
    private final ForwardedEvents forwarded;

    public DomainEventForwarder(KafkaTemplate<byte[], byte[]> kafka, ObjectMapper objectMapper,
            ForwardedEvents forwarded) {
        this.kafka = kafka;
        this.objectMapper = objectMapper;
        this.forwarded = forwarded;
    }

    @EventHandler
    void forward(Object payload, EventMessage<?> event, UnitOfWork<?> unitOfWork) throws JsonProcessingException {
        if (!EventCatalogue.isPublished(payload.getClass())) {
            return; // internal events of the context stay inside it
        }
        TrialEvent trialEvent = (TrialEvent) payload;
        var context = EventCatalogue.contextOf(payload.getClass());
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_id", event.getIdentifier());
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_source", context.source());
        header(headers, "ce_type", EventCatalogue.typeOf(payload.getClass()));
        header(headers, "ce_subject", trialEvent.subjectId());
        header(headers, "ce_time", event.getTimestamp().atOffset(ZoneOffset.UTC).toString());
        header(headers, "content-type", "application/json");
        Object user = event.getMetaData().get(Caller.META_USER);
        if (user != null) {
            header(headers, "ce_" + ACTOR_USER_ATTRIBUTE, user.toString());
            header(headers, "ce_" + ACTOR_ROLES_ATTRIBUTE, String.valueOf(event.getMetaData().get(Caller.META_ROLES)));
        }
        // the trace of the request that recorded the event goes on into every consumer that applies it
        for (String key : TraceContextOnEvents.KEYS) {
            Object value = event.getMetaData().get(key);
            if (value != null) {
                header(headers, key, value.toString());
            }
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(context.topic(), null,
                trialEvent.subjectId().getBytes(StandardCharsets.UTF_8), objectMapper.writeValueAsBytes(payload),
                headers);
        String eventId = event.getIdentifier();
        CompletableFuture<SendResult<byte[], byte[]>> sent = kafka.send(record).whenComplete((result, error) -> {
            if (error == null) {
                var metadata = result.getRecordMetadata();
                forwarded.forwarded(eventId, metadata.topic(), metadata.partition(), metadata.offset());
            }
        });
        pendingSends(unitOfWork).add(sent);
    }

    /** The sends of the batch in hand; before the batch commits its token, all of them must be acknowledged. */
    private static List<CompletableFuture<?>> pendingSends(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcknowledged(sends));
            return sends;
        });
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged the forwarded events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge every forwarded event; the batch is retried",
                    e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
