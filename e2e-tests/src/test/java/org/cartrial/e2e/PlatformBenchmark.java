package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.cartrial.localstack.Component;
import org.cartrial.localstack.Role;
import org.cartrial.testsupport.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * How fast the platform is, next to the raw limits of the parts it is made of, measured in the same run on the same
 * broker, PostgreSQL and MongoDB-wire server: screening commands at 1, 8 and 32 concurrent clients through the gateway
 * and straight to enrollment-service (commands/s, p50/p99); the time from a command's 201 to its CONSORT read-model
 * document; a rebuild of the CONSORT read model (events/s); and, as the raw limits, Kafka's own
 * {@code ProducerPerformance}, {@code ConsumerPerformance} and {@code EndToEndLatency} (run as child JVMs, as
 * {@code kafka-*-perf-test.sh} runs them) plus a nanosecond producer-to-consumer probe, single-row and batched
 * inserts into a fresh PostgreSQL schema, and insertOne / upsert-by-_id into a scratch Mongo collection. Prints one
 * table and writes it with the machine's description to {@code benchmarks/results.md}.
 * <p>
 * A benchmark, not a timed test: it fails only if a command is not accepted or a read model never catches up.
 * Run: {@code benchmarks/platform.sh} (PostgreSQL on 127.0.0.1:5432). Environment: BENCHMARK_COMMANDS (per level and
 * route, default 400), BENCHMARK_WARMUP (default 200), BENCHMARK_LATENCY_SAMPLES (default 100),
 * BENCHMARK_REPORT_FILE (the outcomes report's table to include), BENCHMARK_LOAD_AT_START, BENCHMARK_COMMAND.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformBenchmark {

    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int COMMANDS = intEnv("BENCHMARK_COMMANDS", 400);
    private static final int WARMUP = intEnv("BENCHMARK_WARMUP", 200);
    private static final int LATENCY_SAMPLES = intEnv("BENCHMARK_LATENCY_SAMPLES", 100);
    private static final int RAW_ROWS = intEnv("BENCHMARK_RAW_ROWS", 3000);
    private static final int KAFKA_RECORDS = intEnv("BENCHMARK_KAFKA_RECORDS", 200_000);
    private static final int RECORD_SIZE = 600;
    private static final List<String> SITES = List.of("S01", "S02", "S03", "S04");
    private static final String SCREENINGS = "/api/enrollment/screenings";
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private final String loadAtStart = Optional.ofNullable(System.getenv("BENCHMARK_LOAD_AT_START"))
            .orElseGet(PlatformBenchmark::loadAverage);
    private final Instant begun = Instant.now();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final AtomicInteger screened = new AtomicInteger();
    private PlatformUnderTest platform;
    private MongoClient mongo;
    private Duration startup;

    @BeforeAll
    void startThePlatform() {
        Instant starting = Instant.now();
        // the benchmark measures the platform, not the request budget: the per-site rate limit is lifted
        platform = PlatformUnderTest.start("bench", Map.of(Component.GATEWAY, Map.of(
                "TRIAL_RATE_LIMIT_PER_SECOND", "1000000", "TRIAL_RATE_LIMIT_BURST", "1000000")));
        startup = Duration.between(starting, Instant.now());
        for (String site : SITES) {
            tokens.put(site, platform.token(Role.SITE_COORDINATOR, site));
            Reply registered = platform.gateway().postJson("/api/enrollment/sites", platform.token(Role.ADMIN, null),
                    "{\"siteId\":\"" + site + "\",\"name\":\"Hospital " + site + "\"}");
            assertThat(registered.status()).as("registering %s: %s", site, registered).isEqualTo(201);
        }
        mongo = MongoClients.create(platform.system().mongoUri());
    }

    @AfterAll
    void stopThePlatform() {
        if (mongo != null) {
            mongo.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void platform_against_the_raw_limits_of_its_parts() throws Exception {
        String gateway = platform.system().gatewayUrl();
        String direct = platform.system().url(Component.ENROLLMENT);

        // ---- ours: commands at 1, 8 and 32 clients, through the gateway and straight to the service
        progress("warm-up: %d screenings through the gateway and %d direct", WARMUP, WARMUP);
        load(gateway, "warm-up-gw", 8, WARMUP);
        load(direct, "warm-up-direct", 8, WARMUP);
        awaitReadModel();
        Map<String, Load> ours = new LinkedHashMap<>();
        for (int clients : CONCURRENCY) {
            for (String route : List.of("gateway", "direct")) {
                progress("%s, %d clients: %d screenings", route, clients, COMMANDS);
                Load result = load(route.equals("gateway") ? gateway : direct, route + "-c" + clients, clients, COMMANDS);
                ours.put(route + " " + clients, result);
                progress("  %s", result.summary());
                awaitReadModel();
            }
        }

        // ---- ours: a command's 201 to its CONSORT document, one at a time through the gateway
        progress("command -> read model: %d screenings one at a time", LATENCY_SAMPLES);
        ReadModelLatency toReadModel = commandToReadModel(gateway);
        progress("  to the topic p50 %.1f ms, p99 %.1f ms; to the document p50 %.1f ms, p99 %.1f ms",
                toReadModel.toTopic().p50(), toReadModel.toTopic().p99(), toReadModel.toDocument().p50(),
                toReadModel.toDocument().p99());

        // ---- ours: rebuild of the CONSORT read model from the start of its topic
        progress("rebuilding outcomes consort");
        Rebuild rebuild = rebuild("outcomes", "consort");
        progress("  %d records in %.2f s", rebuild.records(), rebuild.seconds());
        double eventBytes = averageEventBytes();

        // ---- raw: Kafka's own tools and a probe on the same broker
        String bootstrap = platform.system().kafkaBootstrap();
        createTopics(bootstrap);
        progress("raw Kafka: ProducerPerformance, %d records of %d bytes, acks=all, idempotence", KAFKA_RECORDS,
                RECORD_SIZE);
        ToolRun producer = kafkaTool("org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.raw",
                "--num-records", String.valueOf(KAFKA_RECORDS), "--record-size", String.valueOf(RECORD_SIZE),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true");
        ProducerFigures producerFigures = ProducerFigures.parse(producer.output());
        progress("  %s", producerFigures);
        progress("raw Kafka: ConsumerPerformance");
        ToolRun consumer = kafkaTool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                "--topic", "bench.raw", "--messages", String.valueOf(KAFKA_RECORDS), "--timeout", "60000",
                "--group", "bench-raw-" + UUID.randomUUID());
        ConsumerFigures consumerFigures = ConsumerFigures.parse(consumer.output());
        progress("  %s", consumerFigures);
        progress("raw Kafka: EndToEndLatency (whole ms) and a producer->consumer probe (ns)");
        ToolRun endToEnd = kafkaTool("org.apache.kafka.tools.EndToEndLatency", bootstrap, "bench.raw.e2e", "2000",
                "all", String.valueOf(RECORD_SIZE));
        String endToEndTool = endToEndFigures(endToEnd.output());
        Latencies kafkaProbe = kafkaEndToEndProbe(bootstrap, 2000);
        progress("  tool: %s; probe p50 %.2f ms, p99 %.2f ms", endToEndTool, kafkaProbe.p50(), kafkaProbe.p99());

        // ---- raw: the MongoDB-wire server
        progress("raw Mongo: insertOne and upsert by _id, 1 client");
        mongoWrites(true, RAW_ROWS / 3); // warm-up
        Load mongoInsert = mongoWrites(false, RAW_ROWS);
        Load mongoUpsert = mongoWrites(true, RAW_ROWS);
        progress("  insertOne %.0f/s, upsert %.0f/s", mongoInsert.rate(), mongoUpsert.rate());

        // ---- raw: PostgreSQL, with the platform stopped: the services' connection pools (40 connections) would
        // otherwise leave too few of the server's max_connections for 32 raw clients on a shared server
        mongo.close();
        mongo = null;
        platform.close();
        platform = null;
        Map<Integer, Load> pgSingle = new LinkedHashMap<>();
        Load pgBatch;
        try (PostgresSchema schema = new PostgresSchema("bench_raw")) {
            createScratchTable(schema);
            pgSingleInserts(schema, 4, RAW_ROWS / 3); // warm-up: connections, JIT, the table's first pages
            for (int clients : CONCURRENCY) {
                progress("raw PostgreSQL: %d single-row autocommit inserts, %d clients", RAW_ROWS, clients);
                pgSingle.put(clients, pgSingleInserts(schema, clients, RAW_ROWS));
                progress("  %s", pgSingle.get(clients).summary());
            }
            progress("raw PostgreSQL: batches of 100, 1 client");
            pgBatch = pgBatchedInserts(schema, RAW_ROWS * 10, 100);
            progress("  %.0f rows/s", pgBatch.rate());
        }
        Raw raw = new Raw(producerFigures, consumerFigures, endToEndTool, kafkaProbe, pgSingle, pgBatch, mongoInsert,
                mongoUpsert);
        String report = report(ours, toReadModel, rebuild, eventBytes, raw);
        System.out.println("\n" + report);
        Path results = Path.of(System.getProperty("trial.root", "..")).resolve("benchmarks/results.md");
        Files.writeString(results, report);
        System.out.println("*** written to " + results.toAbsolutePath().normalize());
    }

    // ---------------------------------------------------------------------------------------------------------
    // ours

    /** {@code commands} screenings from {@code clients} threads, each one at a time; every one must be a 201. */
    private Load load(String baseUrl, String label, int clients, int commands) throws Exception {
        long[] nanos = new long[commands];
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Cpu before = Cpu.now(platform);
        CountDownLatch ready = new CountDownLatch(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        long[] startedAt = new long[1];
        CountDownLatch go = new CountDownLatch(1);
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                for (int i = next.getAndIncrement(); i < commands; i = next.getAndIncrement()) {
                    String site = SITES.get(i % SITES.size());
                    String subject = "%s-%s-%05d".formatted(site, label.replace("warm-up", "w"), i);
                    String body = (i % 7 == 0 ? Screening.failingCd19(subject, site) : Screening.eligible(subject, site))
                            .json();
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = post(baseUrl + SCREENINGS, tokens.get(site), body);
                    nanos[i] = System.nanoTime() - t0;
                    if (answer.statusCode() != 201) {
                        failures.add(subject + " -> " + answer.statusCode() + " " + answer.body());
                    } else {
                        screened.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        ready.await();
        startedAt[0] = System.nanoTime();
        go.countDown();
        for (Future<?> client : running) {
            client.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - startedAt[0]) / 1e9;
        pool.shutdown();
        Cpu used = Cpu.now(platform).minus(before);
        assertThat(failures).as("screenings not accepted (%s)", label).isEmpty();
        return new Load(commands, seconds, Latencies.of(nanos), used);
    }

    private HttpResponse<String> post(String url, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the CONSORT read model has a document for every accepted screening, so levels do not overlap. */
    private void awaitReadModel() {
        MongoCollection<Document> consort = mongo.getDatabase("outcomes-service").getCollection("consort_subjects");
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> consort.countDocuments() >= screened.get());
    }

    /**
     * One screening at a time through the gateway: from its 201 to the record on the enrollment topic (the
     * forwarder), and to its CONSORT document (forwarder, broker, outcomes consumer, Mongo write).
     */
    private ReadModelLatency commandToReadModel(String gateway) throws Exception {
        MongoCollection<Document> consort = mongo.getDatabase("outcomes-service").getCollection("consort_subjects");
        Map<String, Long> onTopic = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean(true);
        CountDownLatch assigned = new CountDownLatch(1);
        Thread watcher = new Thread(() -> watchTopic("trial.enrollment.events", onTopic, listening, assigned),
                "topic-watcher");
        watcher.start();
        assertThat(assigned.await(60, TimeUnit.SECONDS)).as("topic watcher assigned").isTrue();
        long[] toDocument = new long[LATENCY_SAMPLES];
        long[] toTopic = new long[LATENCY_SAMPLES];
        try {
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                String site = SITES.get(i % SITES.size());
                String subject = "%s-RM-%05d".formatted(site, i);
                HttpResponse<String> answer = post(gateway + SCREENINGS, tokens.get(site),
                        Screening.eligible(subject, site).json());
                long accepted = System.nanoTime();
                assertThat(answer.statusCode()).as("screening %s: %s", subject, answer.body()).isEqualTo(201);
                screened.incrementAndGet();
                long giveUp = accepted + TimeUnit.SECONDS.toNanos(60);
                while (consort.find(Filters.eq("_id", subject)).first() == null) {
                    assertThat(System.nanoTime()).as("%s never reached consort_subjects", subject).isLessThan(giveUp);
                    Thread.sleep(0, 500_000);
                }
                toDocument[i] = System.nanoTime() - accepted;
                Long seen = onTopic.get(subject);
                toTopic[i] = seen == null ? toDocument[i] : seen - accepted;
            }
        } finally {
            listening.set(false);
            watcher.join(10_000);
        }
        return new ReadModelLatency(Latencies.of(toTopic), Latencies.of(toDocument));
    }

    private void watchTopic(String topic, Map<String, Long> seen, java.util.concurrent.atomic.AtomicBoolean listening,
            CountDownLatch assigned) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.system().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (listening.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String subject = org.cartrial.testsupport.KafkaProbe.header(record, "ce_subject");
                    if (subject != null) {
                        seen.putIfAbsent(subject, now);
                    }
                }
            }
        }
    }

    private Rebuild rebuild(String context, String readModel) throws Exception {
        String token = platform.token(Role.ADMIN, null);
        String path = platform.system().gatewayUrl() + "/api/" + context + "/read-models/" + readModel;
        HttpResponse<String> started = post(path + "/rebuild", token, "");
        assertThat(started.statusCode()).as("rebuild: %s", started.body()).isEqualTo(202);
        Instant giveUp = Instant.now().plus(SETTLE);
        while (true) {
            Thread.sleep(200);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode status = json.readTree(answer.body());
            String state = status.path("state").asText();
            assertThat(state).as("rebuild: %s", answer.body()).isNotEqualTo("FAILED");
            if (state.equals("DONE")) {
                Duration took = Duration.between(Instant.parse(status.path("startedAt").asText()),
                        Instant.parse(status.path("finishedAt").asText()));
                awaitReadModel();
                return new Rebuild(status.path("recordsReplayed").asLong(), took.toNanos() / 1e9,
                        status.path("recordsPerSecond").asDouble());
            }
            assertThat(Instant.now()).as("rebuild still running: %s", answer.body()).isBefore(giveUp);
        }
    }

    private double averageEventBytes() {
        double[] bytes = {0};
        platform.queryEventStore(Component.ENROLLMENT, "SELECT avg(octet_length(payload) + octet_length(metadata)) "
                + "FROM domainevententry WHERE payloadtype = 'org.cartrial.api.enrollment.PatientScreened'",
                row -> bytes[0] = row.getDouble(1));
        return bytes[0];
    }

    // ---------------------------------------------------------------------------------------------------------
    // raw: Kafka

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench.raw", 4, (short) 1), new NewTopic("bench.raw.e2e", 1,
                    (short) 1), new NewTopic("bench.raw.probe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Runs one of Kafka's tools in its own JVM, the way {@code kafka-run-class.sh} does, on this test's class path. */
    private ToolRun kafkaTool(String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        Path log = Files.createTempFile("kafka-tool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished).as("%s did not finish: %s", mainClass, output).isTrue();
        assertThat(process.exitValue()).as("%s failed: %s", mainClass, output).isZero();
        return new ToolRun(output);
    }

    private static String endToEndFigures(String output) {
        Matcher avg = Pattern.compile("Avg latency: ([0-9.]+) ms").matcher(output);
        Matcher pct = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)").matcher(output);
        return (avg.find() ? "avg " + avg.group(1) + " ms" : "avg ?") + (pct.find()
                ? ", p50 " + pct.group(1) + " ms, p99 " + pct.group(2) + " ms (whole ms)" : "");
    }

    /** EndToEndLatency's loop (send one record, acks=all, poll until it is back) timed in nanoseconds. */
    private static Latencies kafkaEndToEndProbe(String bootstrap, int messages) {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-probe-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        byte[] payload = new byte[RECORD_SIZE];
        Arrays.fill(payload, (byte) 'x');
        long[] nanos = new long[messages];
        TopicPartition partition = new TopicPartition("bench.raw.probe", 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = -200; i < messages; i++) { // 200 warm-up round trips
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(partition.topic(), payload)).get();
                int got = 0;
                while (got == 0) {
                    for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
                        got++;
                    }
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                        throw new IllegalStateException("the probe's record did not come back in 30 s");
                    }
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka end-to-end probe failed", e);
        }
        return Latencies.of(nanos);
    }

    // ---------------------------------------------------------------------------------------------------------
    // raw: PostgreSQL and Mongo

    private static void createScratchTable(PostgresSchema schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(schema.jdbcUrl(), schema.user(), "");
                Statement statement = connection.createStatement()) {
            // the shape of Axon's domainevententry, without its unique constraints
            statement.execute("CREATE TABLE scratch (globalindex BIGSERIAL PRIMARY KEY, aggregateidentifier "
                    + "VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL, payload BYTEA NOT NULL)");
        }
    }

    private static Load pgSingleInserts(PostgresSchema schema, int clients, int rows) throws Exception {
        long[] nanos = new long[rows];
        AtomicInteger next = new AtomicInteger();
        byte[] payload = new byte[RECORD_SIZE];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            try {
                connections.add(DriverManager.getConnection(schema.jdbcUrl(), schema.user(), ""));
            } catch (SQLException full) {
                if (connections.isEmpty()) {
                    throw full;
                }
                // a shared server out of connections ("too many clients"): go on with those opened, and say so
                System.out.printf("*** only %d of %d connections to PostgreSQL: %s%n", connections.size(), clients,
                        full.getMessage());
                break;
            }
        }
        List<Future<?>> running = new ArrayList<>();
        long begun = System.nanoTime();
        for (Connection connection : connections) {
            running.add(pool.submit(() -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO scratch (aggregateidentifier, sequencenumber, payload) VALUES (?, ?, ?)")) {
                    for (int i = next.getAndIncrement(); i < rows; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        insert.setString(1, "single-" + clients + "-" + i);
                        insert.setLong(2, 0);
                        insert.setBytes(3, payload);
                        insert.executeUpdate();
                        nanos[i] = System.nanoTime() - t0;
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(5, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - begun) / 1e9;
        pool.shutdown();
        for (Connection connection : connections) {
            connection.close();
        }
        return new Load(rows, seconds, Latencies.of(nanos), null, connections.size());
    }

    private static Load pgBatchedInserts(PostgresSchema schema, int rows, int batch) throws SQLException {
        byte[] payload = new byte[RECORD_SIZE];
        long[] nanos = new long[rows / batch];
        long begun = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(schema.jdbcUrl(), schema.user(), "");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO scratch (aggregateidentifier, sequencenumber, payload) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int b = 0; b < rows / batch; b++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    insert.setString(1, "batch-" + b);
                    insert.setLong(2, i);
                    insert.setBytes(3, payload);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                nanos[b] = System.nanoTime() - t0;
            }
        }
        return new Load(rows, (System.nanoTime() - begun) / 1e9, Latencies.of(nanos), null);
    }

    private Load mongoWrites(boolean upsert, int documents) {
        MongoCollection<Document> scratch = mongo.getDatabase("bench-raw").getCollection(upsert ? "upserts" : "inserts");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String filler = "x".repeat(RECORD_SIZE - 100);
        long[] nanos = new long[documents];
        // upserts: each _id written twice (insert, then update), like a projection applying two events of a subject
        long begun = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            String id = "S01-RAW-" + run + "-" + (upsert ? i / 2 : i);
            Document document = new Document("_id", id).append("siteId", "S01").append("n", i).append("filler", filler)
                    .append("appliedEventIds", List.of(UUID.randomUUID().toString()));
            long t0 = System.nanoTime();
            if (upsert) {
                scratch.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
            } else {
                scratch.insertOne(document);
            }
            nanos[i] = System.nanoTime() - t0;
        }
        return new Load(documents, (System.nanoTime() - begun) / 1e9, Latencies.of(nanos), null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the table

    private String report(Map<String, Load> ours, ReadModelLatency readModel, Rebuild rebuild, double eventBytes, Raw raw)
            throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        List<Object[]> rateRatios = new ArrayList<>(); // name, ratio
        for (int clients : CONCURRENCY) {
            Load pg = raw.pgSingle().get(clients);
            for (String route : List.of("gateway", "direct")) {
                Load load = ours.get(route + " " + clients);
                double vsPg = load.rate() / pg.rate();
                rateRatios.add(new Object[] {"screenings " + route + " at " + clients + " clients / PostgreSQL "
                        + "single-row inserts at " + clients, vsPg});
                rows.add(new String[] {"screenings/s, " + route + ", " + clients + (clients == 1 ? " client" : " clients"),
                        f0(load.rate()) + "/s; p50 " + f1(load.latency().p50()) + " ms, p99 " + f1(load.latency().p99())
                                + " ms",
                        "PostgreSQL single-row insert, " + pg.connections() + " conn.: " + f0(pg.rate()) + "/s; p50 "
                                + f2(pg.latency().p50()) + " ms, p99 " + f2(pg.latency().p99()) + " ms",
                        "rate " + f3(vsPg) + "; p50 " + fx(load.latency().p50() / pg.latency().p50()) + ", p99 "
                                + fx(load.latency().p99() / pg.latency().p99())});
            }
            Load viaGateway = ours.get("gateway " + clients);
            Load straight = ours.get("direct " + clients);
            rows.add(new String[] {"gateway / direct, " + clients + (clients == 1 ? " client" : " clients"),
                    "see the two rows above", "the same screenings straight to enrollment-service",
                    "rate " + f2(viaGateway.rate() / straight.rate()) + "; p50 "
                            + fx(viaGateway.latency().p50() / straight.latency().p50()) + ", p99 "
                            + fx(viaGateway.latency().p99() / straight.latency().p99())});
        }
        Load best = ours.values().stream().max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
        String bestName = ours.entrySet().stream().filter(e -> e.getValue() == best).findFirst().orElseThrow().getKey();
        double vsProducer = best.rate() / raw.producer().recordsPerSecond();
        rateRatios.add(new Object[] {"best screenings/s (" + bestName + " clients) / Kafka producer records/s", vsProducer});
        rows.add(new String[] {"best screenings/s (" + bestName + " clients) vs Kafka",
                f0(best.rate()) + "/s (one event each, " + f0(eventBytes) + " bytes payload+metadata)",
                "ProducerPerformance " + RECORD_SIZE + " B, acks=all, idempotent: " + f0(raw.producer().recordsPerSecond())
                        + " records/s; " + raw.producer().latencies(),
                "rate " + f4(vsProducer)});
        Latencies toReadModel = readModel.toDocument();
        rows.add(new String[] {"command 201 -> its record on the enrollment topic (the forwarder; 1 client)",
                "p50 " + f1(readModel.toTopic().p50()) + " ms, p99 " + f1(readModel.toTopic().p99()) + " ms",
                "the probe below", "p50 " + fx(readModel.toTopic().p50() / raw.kafkaProbe().p50()) + ", p99 "
                        + fx(readModel.toTopic().p99() / raw.kafkaProbe().p99())});
        rows.add(new String[] {"command 201 -> CONSORT document (1 client)",
                "p50 " + f1(toReadModel.p50()) + " ms, p99 " + f1(toReadModel.p99()) + " ms, max " + f1(toReadModel.max())
                        + " ms",
                "producer->consumer probe, acks=all: p50 " + f2(raw.kafkaProbe().p50()) + " ms, p99 "
                        + f2(raw.kafkaProbe().p99()) + " ms; EndToEndLatency tool: " + raw.endToEndTool(),
                "p50 " + fx(toReadModel.p50() / raw.kafkaProbe().p50()) + ", p99 "
                        + fx(toReadModel.p99() / raw.kafkaProbe().p99())});
        double rebuildRate = rebuild.records() / rebuild.seconds();
        double vsConsumer = rebuildRate / raw.consumer().fetchRecordsPerSecond();
        double vsUpsert = rebuildRate / raw.mongoUpsert().rate();
        rateRatios.add(new Object[] {"rebuild events/s / Kafka consumer records/s", vsConsumer});
        rateRatios.add(new Object[] {"rebuild events/s / Mongo upserts/s", vsUpsert});
        rows.add(new String[] {"rebuild outcomes consort",
                rebuild.records() + " records in " + f2(rebuild.seconds()) + " s = " + f0(rebuildRate) + " events/s",
                "ConsumerPerformance: " + f0(raw.consumer().fetchRecordsPerSecond()) + " records/s (fetch, "
                        + f0(raw.consumer().recordsPerSecond()) + "/s with the group join); Mongo upsert by _id: "
                        + f0(raw.mongoUpsert().rate()) + "/s",
                "vs consumer " + f4(vsConsumer) + "; vs upsert " + f2(vsUpsert)});
        rows.add(new String[] {"raw Mongo, other writes", "",
                "insertOne " + f0(raw.mongoInsert().rate()) + "/s (p50 " + f2(raw.mongoInsert().latency().p50())
                        + " ms); upsert p50 " + f2(raw.mongoUpsert().latency().p50()) + " ms; PostgreSQL batches of 100: "
                        + f0(raw.pgBatch().rate()) + " rows/s", ""});
        ReportFigures outcomes = ReportFigures.read();
        if (outcomes != null) {
            rows.addAll(outcomes.rows());
            rateRatios.addAll(outcomes.ratios());
        }
        Object[] slowest = rateRatios.stream().min((a, b) -> Double.compare((double) a[1], (double) b[1])).orElseThrow();

        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks: the platform against the raw limits of its parts\n\n");
        md.append("Measured ").append(DateTimeFormatter.ISO_INSTANT.format(begun.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append(" by `").append(Optional.ofNullable(System.getenv("BENCHMARK_COMMAND")).orElse("benchmarks/platform.sh"))
                .append("` (").append(COMMANDS).append(" screenings per level and route after ").append(WARMUP)
                .append(" warm-up per route; ").append(LATENCY_SAMPLES).append(" read-model samples).\n\n");
        md.append("## Machine\n\n").append(machine()).append("\n");
        md.append("## Results\n\n");
        md.append("| measure | ours | raw limit, same run, same servers | ours / raw |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("""

                What the ratios mean:
                - **rate** ours/raw: the share of the raw part's throughput the platform reaches (1 = as fast as the bare \
                part; 0.05 = a twentieth). **p50/p99 Nx**: our latency is N times the raw one.
                - **screenings / PostgreSQL single-row inserts** (same number of clients): a screening against the cheapest \
                durable write into the same database it ends in (measured last, after the platform stopped, because \
                its connection pools and the other users of this shared server leave too few of max_connections for 32 \
                raw clients; "N conn." says how many it got).
                - **gateway / direct**: what the gateway hop (JWT check, rate limiter, a second HTTP connection) costs.
                - **screenings / Kafka producer**: a screening against the rate at which the same broker takes records of \
                the same size with acks=all and idempotence.
                - **command -> CONSORT document / Kafka probe**: the time from the 201 to the read model (Axon forwarder, \
                Kafka, outcomes consumer, Mongo write) against one bare producer->broker->consumer round trip.
                - **rebuild / consumer and / upsert**: replaying the topic into the read model against reading the topic \
                bare and against writing one document at a time into the same Mongo server.
                - **100k report, time ours/R**: the Java analysis's median time over R's survfit on the same cohort \
                (below 1 = faster than R; "R/ours" says how many times faster).

                """);
        md.append("**Slowest ratio**: ").append(slowest[0]).append(" = ").append(f4((double) slowest[1])).append(".\n\n");
        md.append(why(ours, (String) slowest[0]));
        double forwarderShare = readModel.toTopic().p50() / toReadModel.p50();
        md.append("\nCommand -> read model: the record reaches the enrollment topic after p50 ")
                .append(f1(readModel.toTopic().p50())).append(" ms, ").append(Math.round(100 * forwarderShare))
                .append("% of the p50 to the CONSORT document (").append(f1(toReadModel.p50())).append(" ms)")
                .append(forwarderShare > 0.5 ? ": the wait is in the forwarder (the Axon pooled streaming processor "
                        + "reading the JDBC event store after the commit), not in Kafka (a bare round trip takes "
                        + f2(raw.kafkaProbe().p50()) + " ms) nor in the projection. A likely cause, not checked in "
                        + "this run, is how often the processor polls the store once it has caught up."
                        : ".").append("\n");
        md.append("\n## Where the CPU went during the 32-client gateway level\n\n").append(cpuTable(ours.get("gateway 32")));
        if (outcomes != null) {
            md.append("\n## The outcomes report on 100,000 subjects (benchmarks/outcomes-report.sh, same run)\n\n```\n")
                    .append(outcomes.text().strip()).append("\n```\n");
        }
        md.append("\nPlatform start-up: ").append(f1(startup.toMillis() / 1000.0)).append(" s; load average at the end: ")
                .append(loadAverage()).append(".\n");
        return md.toString();
    }

    private static String why(Map<String, Load> ours, String slowest) {
        Load top = ours.get("gateway 32");
        String rebuild = """
                Why the rebuild is so far below the bare consumer: the consumer tool only fetches and counts, while the \
                rebuild applies each record through the read model's de-duplicating projection (read the subject's \
                document, check appliedEventIds, write it back) one record at a time into mongo-java-server with its H2 \
                backend, on the cores the seven JVMs share; it also pays the consumer group's join and the offset reset \
                inside its timed window, which weighs heavily on a topic of a few thousand records. The nearer raw \
                limit is the bare upsert into the same server (same row, "vs upsert").

                """;
        return (slowest.startsWith("rebuild") ? rebuild : "") + """
                Why the commands are far below the raw parts: one screening is a chain of synchronous steps, each a round trip on the same 2 cores: HTTP into the \
                gateway (JWT check, rate limiter) and again into enrollment-service (JWT check again), the \
                Idempotency-Key record, Axon loading and appending the aggregate in a PostgreSQL transaction (several \
                statements and a commit flushed to disk), then, asynchronously but on the same cores, the forwarder's \
                synchronous acks=all send to Kafka and four services' consumers writing their read models into the \
                MongoDB-wire server (H2 backend). The Kafka producer tool batches thousands of records per request and \
                does nothing else, so its rate is the ceiling of the broker, not of a command. During the 32-client \
                gateway level the machine's cores were busy %s of the time, spread over 7 JVMs plus PostgreSQL and the \
                load generator (table below): the platform is CPU-bound here, and every extra client only queues.
                Other builds were running on this machine during the run (see the load average), so the raw figures \
                and ours share the cores with them alike.
                """.formatted(top.cpu() == null ? "?" : Math.round(100 * top.cpu().machineBusy()) + "%");
    }

    private static String cpuTable(Load load) {
        if (load == null || load.cpu() == null) {
            return "(not measured)\n";
        }
        StringBuilder table = new StringBuilder("| process | CPU ms per screening | share of the level's wall time x cores |\n|---|---|---|\n");
        double capacity = load.seconds() * Runtime.getRuntime().availableProcessors() * 1000;
        load.cpu().byProcess().forEach((name, ms) -> table.append("| ").append(name).append(" | ")
                .append(f2(ms / load.commands())).append(" | ").append(Math.round(100 * ms / capacity)).append("% |\n"));
        double others = load.cpu().machineBusyMs() - load.cpu().byProcess().values().stream().mapToDouble(d -> d).sum();
        table.append("| PostgreSQL and everything else on the machine | ").append(f2(others / load.commands())).append(" | ")
                .append(Math.round(100 * others / capacity)).append("% |\n");
        return table.toString();
    }

    private String machine() throws IOException, InterruptedException {
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024.0).map(PlatformBenchmark::f1)
                .orElse("?") + " GiB";
        String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .findFirst().map(l -> l.substring(13).replace("\"", "")).orElse(System.getProperty("os.name"));
        Process javaVersion = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        String version = new String(javaVersion.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        javaVersion.waitFor();
        return "- cores: " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel + ")\n"
                + "- RAM: " + memTotal + "\n"
                + "- OS: " + os + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n"
                + "- java -version:\n\n```\n" + version + "\n```\n\n"
                + "- load average at start (1/5/15 min, from /proc/loadavg): " + loadAtStart + "\n"
                + "- the platform: Kafka KRaft broker, MongoDB-wire server (mongo-java-server, H2 backend), four services "
                + "and the gateway as 7 separate JVMs (-Xmx384m-512m), PostgreSQL 127.0.0.1:5432 for the event stores; "
                + "the load generator and the raw probes run in an eighth JVM on the same machine.\n";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "*** [%4ds] " + format + "%n", prepend(Duration.between(begun, Instant.now())
                .toSeconds(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String fx(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0fx" : "%.1fx", v);
    }

    // ---------------------------------------------------------------------------------------------------------
    // figures

    record Latencies(long[] sortedNanos) {
        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted);
        }

        double percentile(double p) {
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double max() {
            return sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    record Load(int commands, double seconds, Latencies latency, Cpu cpu, int connections) {
        Load(int commands, double seconds, Latencies latency, Cpu cpu) {
            this(commands, seconds, latency, cpu, 0);
        }

        double rate() {
            return commands / seconds;
        }

        String summary() {
            return String.format(Locale.ROOT, "%.0f/s, p50 %.2f ms, p99 %.2f ms", rate(), latency.p50(), latency.p99());
        }
    }

    record ReadModelLatency(Latencies toTopic, Latencies toDocument) {
    }

    record Rebuild(long records, double seconds, double reportedRate) {
    }

    record ToolRun(String output) {
    }

    record Raw(ProducerFigures producer, ConsumerFigures consumer, String endToEndTool, Latencies kafkaProbe,
            Map<Integer, Load> pgSingle, Load pgBatch, Load mongoInsert, Load mongoUpsert) {
    }

    record ProducerFigures(double recordsPerSecond, String latencies) {
        static ProducerFigures parse(String output) {
            // "200000 records sent, 123456.7 records/sec (70.64 MB/sec), 12.34 ms avg latency, 234.00 ms max latency,
            //  10 ms 50th, 20 ms 95th, 30 ms 99th, 40 ms 99.9th."
            Matcher total = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), "
                    + "([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th")
                    .matcher(output);
            String last = null;
            double rate = 0;
            while (total.find()) {
                rate = Double.parseDouble(total.group(2));
                last = "per-record send latency (batched) avg " + total.group(4) + " ms, p50 " + total.group(6)
                        + " ms, p99 " + total.group(8) + " ms";
            }
            if (last == null) {
                throw new IllegalStateException("no summary line in ProducerPerformance's output:\n" + output);
            }
            return new ProducerFigures(rate, last);
        }

        @Override
        public String toString() {
            return f0(recordsPerSecond) + " records/s; " + latencies;
        }
    }

    record ConsumerFigures(double recordsPerSecond, double fetchRecordsPerSecond) {
        static ConsumerFigures parse(String output) {
            // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
            //         rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            List<String> lines = output.lines().map(String::strip).toList();
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).startsWith("start.time")) {
                    String[] values = lines.get(i + 1).split(",\\s*");
                    return new ConsumerFigures(Double.parseDouble(values[5]), Double.parseDouble(values[9]));
                }
            }
            throw new IllegalStateException("no figures in ConsumerPerformance's output:\n" + output);
        }

        @Override
        public String toString() {
            return f0(fetchRecordsPerSecond) + " records/s fetching (" + f0(recordsPerSecond) + "/s with the group join)";
        }
    }

    /** CPU time used by each of the platform's processes and by this JVM, and by the whole machine (/proc/stat). */
    record Cpu(Map<String, Double> byProcess, double machineBusyMs, double wallMs) {
        static Cpu now(PlatformUnderTest platform) {
            Map<String, Double> byProcess = new LinkedHashMap<>();
            for (Component component : Component.values()) {
                byProcess.put(component.id(), platform.system().process(component)
                        .flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e6).orElse(0.0));
            }
            byProcess.put("load generator (this JVM)", ProcessHandle.current().info().totalCpuDuration()
                    .map(d -> d.toNanos() / 1e6).orElse(0.0));
            return new Cpu(byProcess, machineBusyNow(), System.nanoTime() / 1e6);
        }

        Cpu minus(Cpu before) {
            Map<String, Double> used = new LinkedHashMap<>();
            byProcess.forEach((name, ms) -> used.put(name, ms - before.byProcess.getOrDefault(name, 0.0)));
            return new Cpu(used, machineBusyMs - before.machineBusyMs, wallMs - before.wallMs);
        }

        double machineBusy() {
            return machineBusyMs / (wallMs * Runtime.getRuntime().availableProcessors());
        }

        /** Busy milliseconds of all cores since boot: user+nice+system+irq+softirq+steal of the "cpu" line. */
        private static double machineBusyNow() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                return busy * 10.0; // USER_HZ = 100
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** Key figures of the outcomes report (benchmarks/outcomes-report.sh) when the script ran it first. */
    record ReportFigures(String text, List<String[]> rows, List<Object[]> ratios) {
        static ReportFigures read() throws IOException {
            String file = System.getenv("BENCHMARK_REPORT_FILE");
            if (file == null || !Files.exists(Path.of(file))) {
                return null;
            }
            String text = Files.readString(Path.of(file));
            List<String[]> rows = new ArrayList<>();
            List<Object[]> ratios = new ArrayList<>();
            // "<analysis> <median> <min> <max> [<R>]": rows that carry an R time get a ratio Java median / R
            Pattern line = Pattern.compile("^(.+?)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)(?:\\s+([0-9.]+))?\\s*$");
            for (String l : text.lines().toList()) {
                Matcher m = line.matcher(l);
                if (m.matches() && m.group(5) != null) {
                    double java = Double.parseDouble(m.group(2));
                    double r = Double.parseDouble(m.group(5));
                    rows.add(new String[] {"100k report: " + m.group(1).strip(), "median " + m.group(2) + " ms (min "
                            + m.group(3) + ")", "R " + m.group(5) + " ms", "time " + f4(java / r) + " (R/ours "
                            + f1(r / java) + "x)"});
                }
            }
            return new ReportFigures(text, rows, ratios);
        }
    }
}
