package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.localstack.Component;
import org.cartrial.localstack.Role;
import org.cartrial.testsupport.KafkaProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Can the platform lose an accepted event? 2,000 mixed commands go through the gateway from four clients while the
 * suite (a) restarts the Kafka broker, (b) kills -9 the enrollment service while its forwarder is sending and
 * starts it again, (c) kills -9 the outcomes service (a consumer of every topic) mid-batch, (d) restarts the
 * MongoDB-wire server, (e) re-delivers records and sends a poison message. A client whose answer was lost (5xx,
 * dropped connection, 429) retries with the same Idempotency-Key until it gets the first answer. Afterwards: every
 * accepted command's event is in the event store once and in every read model that uses it exactly once; no refused
 * command left an event; the poison message is in a dead-letter topic with its error and the consumers went on.
 * <p>
 * Run: {@code mvn -Pfault-suite -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * (PostgreSQL on 127.0.0.1:5432). It prints the counts it checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NothingIsLostFaultSuite {

    private static final int CLIENTS = 4;
    private static final int SCREENINGS = 700;
    private static final int ADVERSE_EVENTS = 500;
    private static final int MALFORMED = 100;
    private static final List<String> SITES = List.of("S01", "S02", "S03");
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final String ENROLLMENT_TOPIC = "trial.enrollment.events";
    private static final String SAFETY_TOPIC = "trial.safety.events";
    private static final int PARTITIONS = 4;

    private PlatformUnderTest platform;
    private GatewayClient gateway;

    private final BlockingQueue<LoadCommand> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<LoadCommand.Kind, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<LoadCommand.Kind, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Set<String> acceptedScreenings = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedEnrolments = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedSubjects = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedAdverseEvents = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startThePlatform() {
        // the suite measures loss, not the request budget: the per-site rate limit is lifted
        platform = PlatformUnderTest.start("fault", Map.of(Component.GATEWAY, Map.of(
                "TRIAL_RATE_LIMIT_PER_SECOND", "100000", "TRIAL_RATE_LIMIT_BURST", "100000")));
        gateway = platform.gateway();
        for (String site : SITES) {
            Reply registered = gateway.postJson("/api/enrollment/sites", platform.token(Role.ADMIN, null),
                    "{\"siteId\":\"" + site + "\",\"name\":\"Hospital " + site + "\"}");
            assertThat(registered.status()).as("registering %s: %s", site, registered).isEqualTo(201);
        }
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void no_accepted_event_is_lost_and_none_is_applied_twice_through_crashes_and_restarts() throws Exception {
        List<LoadCommand> plan = plan(new Random(20261201L));
        outstanding.set(plan.size() + SCREENINGS); // every accepted screening adds its enrolment
        queue.addAll(plan);
        Instant begun = Instant.now();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(this::client));
        }
        Future<?> faults = clients.submit(this::injectFaults);
        for (Future<?> client : running) {
            client.get(15, TimeUnit.MINUTES);
        }
        faults.get(5, TimeUnit.MINUTES);
        clients.shutdown();
        Duration loadTime = Duration.between(begun, Instant.now());

        assertThat(unexpected).as("commands that got another answer than they must").isEmpty();

        // the event stores hold every accepted command's event once, and nothing of a refused one
        Map<String, String> screened = storedEvents(Component.ENROLLMENT, "enrollment.PatientScreened", "subjectId");
        Map<String, String> enrolled = storedEvents(Component.ENROLLMENT, "enrollment.PatientEnrolled", "subjectId");
        Map<String, String> reported = storedEvents(Component.SAFETY, "safety.AdverseEventReported", "adverseEventId");
        assertThat(screened.keySet()).isEqualTo(acceptedScreenings);
        assertThat(enrolled.keySet()).isEqualTo(acceptedEnrolments);
        assertThat(reported.keySet()).isEqualTo(acceptedAdverseEvents);
        assertThat(enrolled.keySet()).doesNotContainAnyElementsOf(refusedSubjects);
        assertThat(screened.keySet()).noneMatch(s -> s.contains("-M"));

        // the topics hold every stored event, some more than once (forwarder re-sends and the suite's re-deliveries)
        Map<String, Integer> enrollmentTopic = ceIds(ENROLLMENT_TOPIC);
        Map<String, Integer> safetyTopic = ceIds(SAFETY_TOPIC);
        assertThat(enrollmentTopic.keySet()).containsAll(screened.values()).containsAll(enrolled.values());
        assertThat(safetyTopic.keySet()).containsAll(reported.values());

        // every read model that uses an event has applied it exactly once
        Map<String, Integer> counts = new TreeMap<>();
        try (MongoClient mongo = MongoClients.create(platform.system().mongoUri())) {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                counts.clear();
                counts.put("outcomes consort_subjects", appliedOnce(mongo, "outcomes-service", "consort_subjects",
                        union(screened, enrolled)));
                counts.put("outcomes subject_timelines", appliedOnce(mongo, "outcomes-service", "subject_timelines",
                        merged(union(screened, enrolled), subjectsOf(reported))));
                counts.put("enrollment subject_status", appliedOnce(mongo, "enrollment-service", "subject_status",
                        union(screened, enrolled)));
                counts.put("safety adverse_event_listing", appliedOnce(mongo, "safety-service",
                        "adverse_event_listing", subjectsOf(reported)));
                counts.put("safety safety_stream", streamedOnce(mongo, reported.values()));
            });
        }

        // the poison message sits in a dead-letter topic with its error, and the consumers went on past it
        // every consumer group of the enrollment topic dead-lettered it (error.<topic>.<group>)
        Set<String> expectedDeadLetterTopics = consumerGroupsOf(ENROLLMENT_TOPIC).stream()
                .map(group -> "error." + ENROLLMENT_TOPIC + "." + group).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> deadLettered = new TreeMap<>();
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            deadLettered.clear();
            deadLettered.putAll(deadLetters());
            assertThat(deadLettered.keySet()).as("dead-letter topics holding the poison message")
                    .containsAll(expectedDeadLetterTopics);
        });
        assertThat(deadLettered.values()).allMatch(error -> error.contains("cannot read"));

        int topicDuplicates = duplicates(enrollmentTopic) + duplicates(safetyTopic);
        System.out.printf("""

                *** fault suite: %d commands through the gateway in %d s by %d clients, %d retries with the same key
                    faults: %s
                    accepted:  screenings %d, enrolments %d, adverse events %d
                    refused:   enrolments of screen failures %d, malformed %d (none left an event)
                    stored:    PatientScreened %d, PatientEnrolled %d, AdverseEventReported %d
                    on topics: %d records of those events' topics, %d of them duplicates (applied once each)
                    read models, events applied exactly once: %s
                    poison message dead-lettered by every consumer group of its topic, which went on: %s
                %n""", completed.get(), loadTime.toSeconds(), CLIENTS, retries.get(), faultLog,
                count(accepted, LoadCommand.Kind.SCREENING), count(accepted, LoadCommand.Kind.ENROLMENT),
                count(accepted, LoadCommand.Kind.ADVERSE_EVENT), count(refused, LoadCommand.Kind.ENROLMENT),
                count(refused, LoadCommand.Kind.MALFORMED), screened.size(), enrolled.size(), reported.size(),
                total(enrollmentTopic) + total(safetyTopic), topicDuplicates, counts, deadLettered);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the load

    private static List<LoadCommand> plan(Random random) {
        List<LoadCommand> plan = new ArrayList<>();
        for (int i = 0; i < SCREENINGS; i++) {
            String site = SITES.get(i % SITES.size());
            plan.add(LoadCommand.screening("%s-F%04d".formatted(site, i), site, i % 7 != 0, UUID.randomUUID().toString()));
        }
        for (int i = 0; i < ADVERSE_EVENTS; i++) {
            String site = SITES.get(i % SITES.size());
            plan.add(LoadCommand.adverseEvent("%s-A%04d".formatted(site, i % 150), site, 1 + random.nextInt(4),
                    UUID.randomUUID().toString()));
        }
        for (int i = 0; i < MALFORMED; i++) {
            String site = SITES.get(i % SITES.size());
            plan.add(LoadCommand.malformed("%s-M%04d".formatted(site, i), site, i, UUID.randomUUID().toString()));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private void client() {
        try {
            while (outstanding.get() > 0) {
                LoadCommand command = queue.poll(200, TimeUnit.MILLISECONDS);
                if (command != null) {
                    handle(command, send(command));
                    completed.incrementAndGet();
                    outstanding.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until the answer is a final one: a 5xx, 429, a key still in use or a lost connection is retried. */
    private Reply send(LoadCommand command) throws InterruptedException {
        String token = platform.token(Role.SITE_COORDINATOR, command.siteId());
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
        long backOff = 200;
        while (true) {
            Reply reply = null;
            try {
                reply = gateway.postJson(command.path(), token, command.body(),
                        Map.of("Idempotency-Key", command.idempotencyKey()));
            } catch (RuntimeException lost) {
                // connection refused or reset, or no answer in time: the command may or may not have been stored
            }
            if (reply != null && !retryable(reply)) {
                return reply;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("no final answer within 5 minutes for " + command + ": " + reply);
            }
            retries.incrementAndGet();
            Thread.sleep(backOff);
            backOff = Math.min(backOff * 2, 3000);
        }
    }

    private static boolean retryable(Reply reply) {
        return reply.status() >= 500 || reply.status() == 429
                || (reply.status() == 409 && reply.body().contains("idempotency-key-in-use"));
    }

    private void handle(LoadCommand command, Reply reply) {
        boolean wasAccepted = reply.status() / 100 == 2;
        if (wasAccepted != command.mustBeAccepted() || (!wasAccepted && reply.status() / 100 != 4)) {
            unexpected.add(command.kind() + " " + command.subjectId() + " -> " + reply);
            return;
        }
        (wasAccepted ? accepted : refused).computeIfAbsent(command.kind(), k -> new AtomicInteger()).incrementAndGet();
        switch (command.kind()) {
            case SCREENING -> {
                acceptedScreenings.add(command.subjectId());
                boolean eligible = reply.json().path("eligible").asBoolean();
                queue.add(LoadCommand.enrolment(command.subjectId(), command.siteId(), eligible,
                        UUID.randomUUID().toString()));
            }
            case ENROLMENT -> (wasAccepted ? acceptedEnrolments : refusedSubjects).add(command.subjectId());
            case ADVERSE_EVENT -> acceptedAdverseEvents.add(reply.json().path("adverseEventId").asText());
            case MALFORMED -> refusedSubjects.add(command.subjectId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the faults, each when the load has got so far

    private void injectFaults() {
        try {
            fault(300, "Kafka broker stopped and restarted", () -> platform.system().restart(Component.KAFKA));
            fault(700, "enrollment-service killed -9 and restarted", () -> {
                platform.system().kill9(Component.ENROLLMENT);
                platform.system().start(Component.ENROLLMENT);
            });
            fault(1100, "outcomes-service killed -9 mid-batch and restarted", () -> {
                platform.system().kill9(Component.OUTCOMES);
                platform.system().start(Component.OUTCOMES);
            });
            fault(1400, "MongoDB-wire server restarted", () -> platform.system().restart(Component.MONGO));
            fault(1500, "a poison message sent to the enrollment topic", this::poison);
            fault(1700, "records re-delivered", this::redeliver);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fault(int atCompleted, String what, Runnable fault) throws InterruptedException {
        while (completed.get() < atCompleted && outstanding.get() > 0) {
            Thread.sleep(100);
        }
        Instant begun = Instant.now();
        fault.run();
        faultLog.add("%s at command %d (%.1f s)".formatted(what, atCompleted,
                Duration.between(begun, Instant.now()).toMillis() / 1000.0));
    }

    private void redeliver() {
        KafkaProbe kafka = new KafkaProbe(platform.system().kafkaBootstrap());
        for (String topic : List.of(ENROLLMENT_TOPIC, SAFETY_TOPIC)) {
            List<ConsumerRecord<byte[], byte[]>> records = TopicContents.read(platform.system().kafkaBootstrap(), topic,
                    Duration.ofSeconds(60));
            for (int i = 0; i < records.size(); i += Math.max(1, records.size() / 50)) {
                kafka.redeliver(records.get(i));
            }
        }
    }

    private void poison() {
        new KafkaProbe(platform.system().kafkaBootstrap()).send(ENROLLMENT_TOPIC,
                "S01-POISON".getBytes(StandardCharsets.UTF_8),
                "{\"subjectId\": not json".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_id", POISON_ID, "ce_specversion", "1.0", "ce_source", "/cartrial/enrollment-service",
                        "ce_type", EventCatalogue.typeOf(PatientScreened.class), "ce_subject", "S01-POISON",
                        "ce_time", Instant.now().toString()));
    }

    private static final String POISON_ID = UUID.randomUUID().toString();

    // ---------------------------------------------------------------------------------------------------------
    // what the parts hold afterwards

    /** The stored events of one type: key (subject or adverse event id) to event id; fails on a key stored twice. */
    private Map<String, String> storedEvents(Component service, String type, String keyField) {
        Map<String, String> events = new HashMap<>();
        platform.queryEventStore(service, "SELECT eventidentifier, convert_from(payload, 'UTF8')::json->>'" + keyField
                + "' FROM domainevententry WHERE payloadtype = 'org.cartrial.api." + type + "'", row -> {
                    String previous = events.put(row.getString(2), row.getString(1));
                    assertThat(previous).as("%s of %s stored twice", type, row.getString(2)).isNull();
                });
        return events;
    }

    private Map<String, Integer> ceIds(String topic) {
        Map<String, Integer> ids = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicContents.read(platform.system().kafkaBootstrap(), topic,
                Duration.ofSeconds(60))) {
            ids.merge(KafkaProbe.header(record, "ce_id"), 1, Integer::sum);
        }
        return ids;
    }

    /** Subject id to the event ids the read model must have applied, from both maps (key = subject id). */
    private static Map<String, Set<String>> union(Map<String, String> first, Map<String, String> second) {
        Map<String, Set<String>> bySubject = new HashMap<>();
        first.forEach((subject, id) -> bySubject.computeIfAbsent(subject, s -> new HashSet<>()).add(id));
        second.forEach((subject, id) -> bySubject.computeIfAbsent(subject, s -> new HashSet<>()).add(id));
        return bySubject;
    }

    private static Map<String, Set<String>> merged(Map<String, Set<String>> first, Map<String, Set<String>> second) {
        Map<String, Set<String>> all = new HashMap<>();
        first.forEach((subject, ids) -> all.computeIfAbsent(subject, s -> new HashSet<>()).addAll(ids));
        second.forEach((subject, ids) -> all.computeIfAbsent(subject, s -> new HashSet<>()).addAll(ids));
        return all;
    }

    /** Adverse events grouped by their subject, which is parsed from the payload again in the listing. */
    private Map<String, Set<String>> subjectsOf(Map<String, String> reported) {
        Map<String, String> subjectOfEvent = new HashMap<>();
        platform.queryEventStore(Component.SAFETY, "SELECT eventidentifier, convert_from(payload, 'UTF8')::json->>"
                + "'subjectId' FROM domainevententry WHERE payloadtype = 'org.cartrial.api.safety.AdverseEventReported'",
                row -> subjectOfEvent.put(row.getString(1), row.getString(2)));
        Map<String, Set<String>> bySubject = new HashMap<>();
        reported.values().forEach(id -> bySubject.computeIfAbsent(subjectOfEvent.get(id), s -> new HashSet<>()).add(id));
        return bySubject;
    }

    /** Checks each document lists each of its events exactly once; returns how many events were checked. */
    private static int appliedOnce(MongoClient mongo, String database, String collection,
            Map<String, Set<String>> expected) {
        Map<String, Document> documents = new HashMap<>();
        mongo.getDatabase(database).getCollection(collection).find()
                .forEach(d -> documents.put(String.valueOf(d.get("_id")), d));
        int checked = 0;
        for (Map.Entry<String, Set<String>> subject : expected.entrySet()) {
            Document document = documents.get(subject.getKey());
            assertThat(document).as("%s.%s has %s", database, collection, subject.getKey()).isNotNull();
            Map<String, Long> applied = document.getList("appliedEventIds", String.class).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            for (String eventId : subject.getValue()) {
                assertThat(applied.get(eventId)).as("%s.%s applied %s of %s", database, collection, eventId,
                        subject.getKey()).isEqualTo(1L);
                checked++;
            }
        }
        return checked;
    }

    private static int streamedOnce(MongoClient mongo, java.util.Collection<String> eventIds) {
        Map<String, Integer> entries = new HashMap<>();
        mongo.getDatabase("safety-service").getCollection("safety_stream").find()
                .forEach(d -> {
                    if (d.getString("eventId") != null) {
                        entries.merge(d.getString("eventId"), 1, Integer::sum);
                    }
                });
        for (String eventId : eventIds) {
            assertThat(entries.get(eventId)).as("stream entries of %s", eventId).isEqualTo(1);
        }
        return eventIds.size();
    }

    /** The consumer groups (the suite's own probes aside) that have committed offsets on the topic. */
    private Set<String> consumerGroupsOf(String topic) {
        Set<String> groups = new TreeSet<>();
        try (ConsumerGroups consumerGroups = new ConsumerGroups(platform.system().kafkaBootstrap())) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                groups.addAll(consumerGroups.committed(new TopicPartition(topic, partition)).keySet());
            }
        }
        return groups;
    }

    /** Dead-letter topics holding the poison message, with the error each recorded. */
    private Map<String, String> deadLetters() throws Exception {
        Map<String, String> found = new TreeMap<>();
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.system().kafkaBootstrap()))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        for (String topic : topics) {
            if (!topic.contains(ENROLLMENT_TOPIC) || topic.equals(ENROLLMENT_TOPIC)) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : TopicContents.read(platform.system().kafkaBootstrap(), topic,
                    Duration.ofSeconds(30))) {
                if (POISON_ID.equals(KafkaProbe.header(record, "ce_id"))) {
                    String error = KafkaProbe.header(record, "x-exception-message");
                    found.put(topic, error == null ? "(no error header)" : error.substring(Math.max(0, error.indexOf("cannot read")))
                            .lines().findFirst().orElse(""));
                }
            }
        }
        return found;
    }

    private static int duplicates(Map<String, Integer> ids) {
        return ids.values().stream().mapToInt(n -> n - 1).sum();
    }

    private static int total(Map<String, Integer> ids) {
        return ids.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int count(Map<LoadCommand.Kind, AtomicInteger> counts, LoadCommand.Kind kind) {
        AtomicInteger n = counts.get(kind);
        return n == null ? 0 : n.get();
    }
}
