package org.cartrial.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A batch of records applied through the one de-duplication mechanism, against a MongoDB-wire server. */
class EventBatchesTest {

    private static final String COLLECTION = "deaths";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private IdempotentProjection projection;
    private KafkaTemplate<byte[], byte[]> deadLetters;
    private EventBatches batches;
    private ReadModelMirror<Long> mirror;

    /** A projection that counts: a second application of an event would show. */
    private final Consumer<ReceivedEvent> counting = event -> {
        projection.apply(COLLECTION, event.payload().subjectId(), event.eventId(),
                new Update().inc("events", 1).set("siteId", event.payload().siteId()));
        mirror.applied(event.payload().subjectId());
    };

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        mongo = new MongoTemplate(client, "batches");
        projection = new IdempotentProjection(mongo);
        deadLetters = mock(KafkaTemplate.class);
        when(deadLetters.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        batches = new EventBatches(new PublishedEventReader(JsonMapper.builder().findAndAddModules().build()),
                projection, deadLetters, null, null);
        mirror = new ReadModelMirror<>(mongo, COLLECTION, d -> d.get("events", Number.class).longValue(),
                java.time.Duration.ZERO);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void a_batch_is_applied_once_and_delivered_again_changes_nothing() {
        List<Message<byte[]>> batch = List.of(death("e1", "S01-1", 0), death("e2", "S01-2", 1),
                death("e3", "S02-1", 2));
        batches.apply("g", batch, counting);
        assertThat(mirror.values()).containsOnly(1L);
        batches.apply("g", batch, counting); // re-delivered after a crash before the offsets were committed

        assertThat(events("S01-1")).isEqualTo(1);
        assertThat(events("S01-2")).isEqualTo(1);
        assertThat(events("S02-1")).isEqualTo(1);
        assertThat(mongo.findById("S01-1", Document.class, COLLECTION).getList("appliedEventIds", String.class))
                .containsExactly("e1");
        assertThat(projection.duplicatesSuppressed()).isEqualTo(3);
        assertThat(mirror.values()).containsOnly(1L);
    }

    @Test
    void a_duplicate_inside_one_batch_is_applied_once_and_the_mirror_follows_the_batch() {
        assertThat(mirror.values()).isEmpty(); // read once, so that applied events update it
        batches.apply("g", List.of(death("e1", "S01-1", 0), death("e1", "S01-1", 1), death("e2", "S01-1", 2)),
                counting);

        assertThat(events("S01-1")).isEqualTo(2);
        assertThat(mirror.values()).containsExactly(2L);
        assertThat(projection.duplicatesSuppressed()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_poison_record_in_the_middle_goes_to_the_dead_letter_topic_and_the_others_are_applied_once() {
        Message<byte[]> poison = MessageBuilder.withPayload("{not json".getBytes(StandardCharsets.UTF_8))
                .copyHeaders(Map.of("ce_id", "poison-1", "ce_type", "org.cartrial.outcomes.DeathRecorded.v1"))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, "trial.outcomes.events")
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0).setHeader(KafkaHeaders.OFFSET, 1L).build();
        List<Message<byte[]>> batch = List.of(death("e1", "S01-1", 0), poison, death("e2", "S01-2", 2));

        batches.apply("outcomes-consort", batch, counting);
        batches.apply("outcomes-consort", batch, counting); // the whole batch again: still once

        assertThat(events("S01-1")).isEqualTo(1);
        assertThat(events("S01-2")).isEqualTo(1);
        ArgumentCaptor<ProducerRecord<byte[], byte[]>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(deadLetters, times(2)).send(sent.capture());
        ProducerRecord<byte[], byte[]> dead = sent.getValue();
        assertThat(dead.topic()).isEqualTo("error.trial.outcomes.events.outcomes-consort");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("cannot read");
    }

    @Test
    void a_projection_that_refuses_an_event_dead_letters_that_event_alone() {
        List<String> seen = new ArrayList<>();
        Consumer<ReceivedEvent> refusing = event -> {
            seen.add(event.eventId());
            if (event.eventId().equals("e2")) {
                throw new PoisonEvent("refused", null);
            }
            counting.accept(event);
        };
        batches.apply("g", List.of(death("e1", "S01-1", 0), death("e2", "S01-2", 1), death("e3", "S01-3", 2)),
                refusing);

        assertThat(seen).containsExactly("e1", "e2", "e3");
        assertThat(events("S01-1")).isEqualTo(1);
        assertThat(mongo.findById("S01-2", Document.class, COLLECTION)).isNull();
        assertThat(events("S01-3")).isEqualTo(1);
        verify(deadLetters, times(1)).send(any(ProducerRecord.class));
    }

    private long events(String subjectId) {
        return mongo.findById(subjectId, Document.class, COLLECTION).get("events", Number.class).longValue();
    }

    private static Message<byte[]> death(String eventId, String subjectId, long offset) {
        String body = """
                {"subjectId":"%s","siteId":"%s","occurredOn":"2026-02-01","recordedAt":"2026-02-02T10:00:00Z",
                 "cause":"disease"}""".formatted(subjectId, subjectId.substring(0, 3));
        return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
                .copyHeaders(Map.of("ce_id", eventId, "ce_type", "org.cartrial.outcomes.DeathRecorded.v1"))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, "trial.outcomes.events")
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0).setHeader(KafkaHeaders.OFFSET, offset).build();
    }
}
