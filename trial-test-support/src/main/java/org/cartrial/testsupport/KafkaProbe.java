package org.cartrial.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reads a topic from the beginning, and re-sends records as they were (a duplicate delivery), for tests. */
public final class KafkaProbe {

    private final String bootstrap;

    public KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Waits until a record matching {@code wanted} is on the topic and returns every record read so far. */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecord(String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted,
            Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record);
                    if (wanted.test(record)) {
                        return read;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; read " + read.size());
    }

    /** Sends a copy of the record, headers and all, as a second delivery of the same event would arrive. */
    public void redeliver(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()));
            producer.flush();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /**
     * Publishes an event of the published language as its service's forwarder would: on its context's topic, keyed
     * by subject id, with the CloudEvents headers.
     */
    public void publish(String eventId, org.cartrial.api.TrialEvent event) {
        try {
            send(org.cartrial.api.EventCatalogue.contextOf(event.getClass()).topic(),
                    event.subjectId().getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON.writeValueAsBytes(event),
                    Map.of("ce_id", eventId, "ce_specversion", "1.0",
                            "ce_source", org.cartrial.api.EventCatalogue.contextOf(event.getClass()).source(),
                            "ce_type", org.cartrial.api.EventCatalogue.typeOf(event.getClass()),
                            "ce_subject", event.subjectId(), "ce_time", event.recordedAt().toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Sends raw bytes with the given headers (a poison message, a hand-made event).
     *
     * @return where the record went, as a consistency token's text ({@code topic:partition:offset})
     */
    public String send(String topic, byte[] key, byte[] value, Map<String, String> headers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var sent = producer.send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
            return sent.topic() + ":" + sent.partition() + ":" + sent.offset();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not take the record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
