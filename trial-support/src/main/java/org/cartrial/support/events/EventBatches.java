package org.cartrial.support.events;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cartrial.support.events.IdempotentProjection.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Read models fed a batch of records at a time (a binding with {@code consumer.batch-mode=true}): every record is
 * read and given to its projections, which only collect their writes ({@link IdempotentProjection#collecting});
 * the writes then go to MongoDB in one query and one bulk upsert per collection ({@link IdempotentProjection#applyAll})
 * before the function returns, so the batch's offsets are committed, and its positions count as applied
 * ({@code ConsumedOffsetsTracking}), only after the write.
 * <p>
 * Failures, as for one record at a time: a record that cannot be read or applied (anything but a store that is away)
 * goes to the binding's dead-letter topic {@code error.<topic>.<group>} with the binder's error headers, and the
 * batch's other records are applied once. (The binder's own dead-lettering of a failed batch would send every record
 * of the batch there.) A store that is away (the binder's retryable exceptions) is waited for, however long, and
 * the whole batch is then applied again: what was written before lists its event ids and is skipped.
 */
public class EventBatches {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);
    private static final List<Class<? extends Throwable>> STORE_AWAY = List.of(DataAccessResourceFailureException.class,
            TransientDataAccessException.class, RecoverableDataAccessException.class, MongoSocketException.class,
            MongoTimeoutException.class, MongoNotPrimaryException.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final PublishedEventReader reader;
    private final IdempotentProjection projection;
    private final KafkaTemplate<byte[], byte[]> deadLetters;
    private final BindingServiceProperties bindings;
    private final DlqPartitionFunction deadLetterPartition;
    private final Tracer tracer;
    private final Propagator propagator;

    public EventBatches(PublishedEventReader reader, IdempotentProjection projection,
            KafkaTemplate<byte[], byte[]> deadLetters, BindingServiceProperties bindings,
            DlqPartitionFunction deadLetterPartition) {
        this(reader, projection, deadLetters, bindings, deadLetterPartition, null, null);
    }

    /**
     * As above, each record read in the trace its {@code traceparent} header continues (a span per record, as a
     * record-at-a-time consumer's observation makes), so the lines logged for it carry the request's trace id.
     */
    public EventBatches(PublishedEventReader reader, IdempotentProjection projection,
            KafkaTemplate<byte[], byte[]> deadLetters, BindingServiceProperties bindings,
            DlqPartitionFunction deadLetterPartition, Tracer tracer, Propagator propagator) {
        this.reader = reader;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.bindings = bindings;
        this.deadLetterPartition = deadLetterPartition;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * The consumer of binding {@code binding}: {@code projections} get each event of a batch; they must compute
     * their updates from the event alone (see {@link IdempotentProjection#collecting}).
     */
    public Consumer<Message<List<byte[]>>> consumer(String binding, Consumer<ReceivedEvent> projections) {
        return batch -> apply(group(binding), records(batch), projections);
    }

    /** Applies the records of one batch (in their order); dead-letters those that fail. */
    void apply(String group, List<Message<byte[]>> records, Consumer<ReceivedEvent> projections) {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                applyOnce(group, records, projections);
                return;
            } catch (RuntimeException e) {
                if (!storeAway(e)) {
                    throw e;
                }
                log.warn("read-model store away ({}); the batch of {} records is applied again in {} ms", e.toString(),
                        records.size(), wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private void applyOnce(String group, List<Message<byte[]>> records, Consumer<ReceivedEvent> projections) {
        Map<Message<byte[]>, RuntimeException> failed = new HashMap<>();
        List<Batch> collected = new ArrayList<>();
        for (Message<byte[]> record : records) {
            try {
                collected.add(inTraceOf(record, group, () -> {
                    ReceivedEvent event = reader.read(record);
                    return IdempotentProjection.collecting(() -> projections.accept(event));
                }));
            } catch (RuntimeException e) {
                if (storeAway(e)) {
                    throw e;
                }
                failed.put(record, e);
            }
        }
        List<IdempotentProjection.Write> writes = new ArrayList<>();
        collected.forEach(batch -> writes.addAll(batch.writes()));
        try {
            projection.applyAll(writes);
        } catch (RuntimeException e) {
            if (storeAway(e) || records.size() == 1) {
                throw e;
            }
            // a write the store refuses: each record alone, so that only its own goes to the dead-letter topic
            log.warn("a batch of {} records failed to write ({}); applying them one at a time", records.size(),
                    e.toString());
            for (Message<byte[]> record : records) {
                if (!failed.containsKey(record)) {
                    try {
                        applyOnce(group, List.of(record), projections);
                    } catch (RuntimeException alone) {
                        if (storeAway(alone)) {
                            throw alone;
                        }
                        failed.put(record, alone);
                    }
                }
            }
            deadLetter(group, records, failed);
            return;
        }
        collected.forEach(Batch::written);
        deadLetter(group, records, failed);
    }

    /** Runs {@code work} in a span continuing the record's trace, when the service traces. */
    private <T> T inTraceOf(Message<byte[]> record, String group, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(record.getHeaders(), EventBatches::header).name(group + " apply").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String header(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : PublishedEventReader.text(value);
    }

    private void deadLetter(String group, List<Message<byte[]>> records, Map<Message<byte[]>, RuntimeException> failed) {
        for (Message<byte[]> record : records) { // in the batch's order
            RuntimeException error = failed.get(record);
            if (error != null) {
                deadLetter(group, record, error);
            }
        }
    }

    /** Sends the record to {@code error.<topic>.<group>} as the binder does, and waits for the broker's ack. */
    private void deadLetter(String group, Message<byte[]> record, RuntimeException error) {
        String topic = (String) record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        Integer partition = (Integer) record.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Long offset = (Long) record.getHeaders().get(KafkaHeaders.OFFSET);
        byte[] key = (byte[]) record.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        RecordHeaders headers = new RecordHeaders();
        Object nativeHeaders = record.getHeaders().get(KafkaHeaders.NATIVE_HEADERS);
        if (nativeHeaders instanceof Iterable<?> original) {
            for (Object header : original) {
                headers.add((Header) header);
            }
        }
        headers.add("x-original-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("x-original-partition", ByteBuffer.allocate(4).putInt(partition).array());
        headers.add("x-original-offset", ByteBuffer.allocate(8).putLong(offset).array());
        headers.add("x-exception-fqcn", error.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-message", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        headers.add("x-exception-stacktrace", trace.toString().getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(topic, partition, offset, key,
                record.getPayload());
        Integer deadPartition = deadLetterPartition == null ? 0 : deadLetterPartition.apply(group, consumed, error);
        String deadTopic = "error." + topic + "." + group;
        log.warn("dead-lettering {}-{}@{} to {}: {}", topic, partition, offset, deadTopic, error.toString());
        try {
            deadLetters.send(new ProducerRecord<>(deadTopic, deadPartition, key, record.getPayload(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + topic + "-" + partition + "@" + offset, e);
        } catch (Exception e) {
            // not sent: the batch fails and is read again (its good records are then found applied)
            throw new IllegalStateException("could not dead-letter " + topic + "-" + partition + "@" + offset, e);
        }
    }

    /**
     * The batch's records, each as the message it would have been one at a time: payload, its own Kafka headers
     * (the CloudEvents attributes), topic, partition, offset and key.
     */
    @SuppressWarnings("unchecked")
    static List<Message<byte[]>> records(Message<List<byte[]>> batch) {
        List<byte[]> payloads = batch.getPayload();
        List<String> topics = (List<String>) batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<Integer> partitions = (List<Integer>) batch.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<Long> offsets = (List<Long>) batch.getHeaders().get(KafkaHeaders.OFFSET);
        List<Object> keys = (List<Object>) batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<Map<String, Object>> converted = (List<Map<String, Object>>) batch.getHeaders()
                .get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Object> nativeHeaders = (List<Object>) batch.getHeaders().get(KafkaHeaders.NATIVE_HEADERS);
        List<ConsumerRecord<?, ?>> sources = batch.getHeaders().get("sourceData") instanceof List<?> list
                && !list.isEmpty() && list.get(0) instanceof ConsumerRecord<?, ?> ? (List<ConsumerRecord<?, ?>>) list
                        : null;
        List<Message<byte[]>> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            MessageBuilder<byte[]> record = MessageBuilder.withPayload(payloads.get(i));
            if (converted != null && i < converted.size()) {
                record.copyHeaders(converted.get(i));
                // the record's own headers again, for its dead letter
                RecordHeaders own = new RecordHeaders();
                converted.get(i).forEach((name, value) -> {
                    if (value instanceof byte[] bytes) {
                        own.add(name, bytes);
                    } else if (value instanceof String text) {
                        own.add(name, text.getBytes(StandardCharsets.UTF_8));
                    }
                });
                record.setHeader(KafkaHeaders.NATIVE_HEADERS, own);
            }
            if (sources != null) {
                ConsumerRecord<?, ?> source = sources.get(i);
                for (Header header : source.headers()) {
                    record.setHeaderIfAbsent(header.key(), header.value());
                }
                record.setHeader(KafkaHeaders.NATIVE_HEADERS, source.headers());
                record.setHeader(KafkaHeaders.RECEIVED_TOPIC, source.topic());
                record.setHeader(KafkaHeaders.RECEIVED_PARTITION, source.partition());
                record.setHeader(KafkaHeaders.OFFSET, source.offset());
                record.setHeader(KafkaHeaders.RECEIVED_KEY, source.key());
            } else {
                record.setHeader(KafkaHeaders.RECEIVED_TOPIC, topics.get(i));
                record.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions.get(i));
                record.setHeader(KafkaHeaders.OFFSET, offsets.get(i));
                if (keys != null) {
                    record.setHeader(KafkaHeaders.RECEIVED_KEY, keys.get(i));
                }
                if (converted == null && nativeHeaders != null && i < nativeHeaders.size()) {
                    record.setHeader(KafkaHeaders.NATIVE_HEADERS, nativeHeaders.get(i));
                }
            }
            records.add(record.build());
        }
        return records;
    }

    private String group(String binding) {
        var properties = bindings.getBindings().get(binding);
        if (properties == null || properties.getGroup() == null) {
            throw new IllegalStateException("binding " + binding + " has no consumer group");
        }
        return properties.getGroup();
    }

    private static boolean storeAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> away : STORE_AWAY) {
                if (away.isInstance(cause)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read-model store", e);
        }
    }
}
