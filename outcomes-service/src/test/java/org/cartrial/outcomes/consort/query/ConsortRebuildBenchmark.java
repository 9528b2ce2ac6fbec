package org.cartrial.outcomes.consort.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.testsupport.PublishedEventExamples;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * How fast the CONSORT read model is rebuilt from its records (issue 10): the same records (a screening and an
 * enrolment per subject, as the enrollment topic holds them) applied one at a time as before, then a batch at a time
 * through {@link EventBatches} as the consumer now does, beside the bare bulk upsert of as many documents into the
 * same server (the raw limit). The MongoDB-wire server is the embedded default's: mongo-java-server with its H2
 * file backend, in this JVM. Kafka is left out: fetching is ~270k records/s here, not the limit.
 * <p>
 * {@code mvn -o -pl outcomes-service -Dtest=ConsortRebuildBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.events=20000 test}
 */
class ConsortRebuildBenchmark {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 20_000);
    private static final int BATCH = Integer.getInteger("benchmark.batch", 500); // max.poll.records

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void rebuild_rates() throws Exception {
        Path file = Files.createTempDirectory("consort-bench").resolve("mongo.mv");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        String address = server.bindAndGetConnectionString();
        try (MongoClient client = MongoClients.create(address)) {
            List<Message<byte[]>> records = records(EVENTS);
            PublishedEventReader reader = new PublishedEventReader(json);
            StringBuilder report = new StringBuilder("CONSORT rebuild, " + EVENTS + " events (" + EVENTS / 2
                    + " subjects), mongo-java-server 1.47 H2 file backend, batches of " + BATCH + "\n");

            // warm-up of every path on a small database, so the JIT does not weigh on the first measure
            oneAtATime(new MongoTemplate(client, "warm1"), reader, records.subList(0, 2000));
            inBatches(new MongoTemplate(client, "warm2"), reader, records.subList(0, 2000));
            bareBulk(new MongoTemplate(client, "warm3"), 2000);

            double single = oneAtATime(new MongoTemplate(client, "single"), reader, records);
            double batched = inBatches(new MongoTemplate(client, "batched"), reader, records);
            double bare = bareBulk(new MongoTemplate(client, "bare"), EVENTS);
            report.append(String.format("one event at a time (before): %,.0f events/s%n", single));
            report.append(String.format("a batch at a time (now):      %,.0f events/s%n", batched));
            report.append(String.format("bare bulk upsert, same server: %,.0f docs/s%n", bare));
            report.append(String.format("batch / bare: %.2f; batch / one at a time: %.1fx%n", batched / bare,
                    batched / single));
            report.append("load average: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
            System.out.println(report);
            Path out = Path.of("target/benchmarks/consort-rebuild.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);

            // the same read model either way
            MongoTemplate a = new MongoTemplate(client, "single");
            MongoTemplate b = new MongoTemplate(client, "batched");
            assertThat(b.count(new Query(), ConsortProjection.COLLECTION))
                    .isEqualTo(a.count(new Query(), ConsortProjection.COLLECTION)).isEqualTo(EVENTS / 2);
            Document one = a.findById("S08-7", Document.class, ConsortProjection.COLLECTION);
            Document other = b.findById("S08-7", Document.class, ConsortProjection.COLLECTION);
            assertThat(other).isEqualTo(one);
        } finally {
            server.shutdownNow();
        }
    }

    private static double oneAtATime(MongoTemplate mongo, PublishedEventReader reader, List<Message<byte[]>> records) {
        ConsortProjection consort = new ConsortProjection(new IdempotentProjection(mongo), mongo);
        long start = System.nanoTime();
        for (Message<byte[]> record : records) {
            consort.apply(reader.read(record));
        }
        return records.size() / seconds(start);
    }

    private static double inBatches(MongoTemplate mongo, PublishedEventReader reader, List<Message<byte[]>> records) {
        IdempotentProjection projection = new IdempotentProjection(mongo);
        ConsortProjection consort = new ConsortProjection(projection, mongo);
        BindingServiceProperties bindings = new BindingServiceProperties();
        BindingProperties binding = new BindingProperties();
        binding.setGroup("outcomes-consort");
        bindings.getBindings().put("enrollmentEvents-in-0", binding);
        var consumer = new EventBatches(reader, projection, null, bindings, null)
                .consumer("enrollmentEvents-in-0", consort::apply);
        long start = System.nanoTime();
        for (int from = 0; from < records.size(); from += BATCH) {
            consumer.accept(batch(records.subList(from, Math.min(records.size(), from + BATCH))));
        }
        return records.size() / seconds(start);
    }

    private static double bareBulk(MongoTemplate mongo, int documents) {
        long start = System.nanoTime();
        for (int from = 0; from < documents; from += BATCH) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, "bare");
            for (int i = from; i < Math.min(documents, from + BATCH); i++) {
                bulk.upsert(Query.query(Criteria.where("_id").is("D-" + i)),
                        new Update().set("siteId", "S01").set("screenedOn", "2026-01-02").push("ids", "e" + i));
            }
            bulk.execute();
        }
        return documents / seconds(start);
    }

    /** The records as the binder hands a batch over: payloads, and per-record headers and positions as lists. */
    private static Message<List<byte[]>> batch(List<Message<byte[]>> records) {
        List<byte[]> payloads = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (Message<byte[]> record : records) {
            payloads.add(record.getPayload());
            headers.add(Map.of("ce_id", record.getHeaders().get("ce_id"), "ce_type", record.getHeaders().get("ce_type")));
            topics.add((String) record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC));
            partitions.add((Integer) record.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION));
            offsets.add((Long) record.getHeaders().get(KafkaHeaders.OFFSET));
        }
        return MessageBuilder.withPayload(payloads).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics).setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
                .setHeader(KafkaHeaders.OFFSET, offsets).build();
    }

    private List<Message<byte[]>> records(int events) throws Exception {
        List<Message<byte[]>> records = new ArrayList<>();
        Map<Integer, Long> offsets = new HashMap<>();
        for (int i = 0; records.size() < events; i++) {
            String site = "S%02d".formatted(1 + i % 10);
            String subject = site + "-" + i;
            Instant now = Instant.now();
            add(records, offsets, PublishedEventExamples.screened(subject, site, true, now));
            add(records, offsets, new PatientEnrolled(subject, site, LocalDate.of(2026, 1, 2), now, "1.0"));
        }
        return records;
    }

    private void add(List<Message<byte[]>> records, Map<Integer, Long> offsets, TrialEvent event) throws Exception {
        int partition = Math.floorMod(event.subjectId().hashCode(), 4);
        long offset = offsets.merge(partition, 1L, Long::sum) - 1;
        records.add(MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader("ce_id", UUID.randomUUID().toString())
                .setHeader("ce_type", EventCatalogue.typeOf(event.getClass()))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, "trial.enrollment.events")
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partition).setHeader(KafkaHeaders.OFFSET, offset).build());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
