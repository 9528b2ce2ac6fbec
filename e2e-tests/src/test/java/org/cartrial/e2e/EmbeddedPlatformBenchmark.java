package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.localstack.Ports;
import org.cartrial.testsupport.PublishedEventExamples;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The embedded default ({@code ./trial start -d}, H2 event stores, the in-process Kafka broker and MongoDB-wire
 * server), measured as a site and an analyst meet it, beside the raw limits of its parts measured in the same run:
 * CPU milliseconds per accepted screening summed over every platform process (from /proc), screenings at 1/8/32
 * clients through the gateway and direct, command to read-model lag per read model, catch-up after a load, rebuild
 * rate, the cohort import, reads at scale, idle memory and start time. A benchmark, not a test: it fails only if a
 * command is refused or a read model never catches up. Run by {@code benchmarks/platform.sh}; writes
 * {@code benchmarks/results.md}.
 */
class EmbeddedPlatformBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final boolean QUICK = "1".equals(System.getenv("BENCHMARK_QUICK"));
    private static final int BASE = Integer.parseInt(env("BENCHMARK_PORTS_BASE", "21000"));
    private static final int COMMANDS = Integer.parseInt(env("BENCHMARK_COMMANDS", QUICK ? "300" : "1500"));
    private static final int LAG_SAMPLES = Integer.parseInt(env("BENCHMARK_LAG_SAMPLES", QUICK ? "40" : "200"));
    private static final int SCALE = Integer.parseInt(env("BENCHMARK_SCALE_SUBJECTS", QUICK ? "10000" : "100000"));
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final long TICK_MS = 1000 / Long.parseLong(sh("getconf", "CLK_TCK").strip());

    private final Path data = Files.createTempDirectory("trial-benchmark-");
    private final Ports ports = Ports.fromBase(BASE);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final AtomicInteger subjects = new AtomicInteger();
    /** The platform's CPU ticks per second with nothing to do (consumers polling, schedulers), after the warm-up. */
    private double idleTicksPerSecond;

    EmbeddedPlatformBenchmark() throws IOException {
    }

    @Test
    void the_embedded_default_against_the_raw_limits_of_its_parts() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        try {
            archivesOfThisBuild();
            long started = System.nanoTime();
            String out = trial("start", "-d");
            assertThat(out).contains("is up");
            double startSeconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(15_000); // let start-up work settle before idle memory is read
            Map<String, Long> rss = rss();
            row("start", "`./trial start -d` on a built tree (its class-data archives written by two earlier "
                    + "starts): %.1f s", startSeconds);
            row("idle RSS", "%d MB in all: %s", rss.values().stream().mapToLong(Long::longValue).sum() / 1024,
                    rss.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1024 + " MB").toList());

            String admin = token("admin", null);
            String analyst = token("analyst", null);
            for (String site : List.of("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08")) {
                post(ports.gateway(), "/api/enrollment/sites", admin,
                        "{\"siteId\":\"" + site + "\",\"name\":\"Benchmark " + site + "\",\"country\":\"DE\"}");
            }
            List<String> siteTokens = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                siteTokens.add(token("site-coordinator", "S0" + i));
            }

            rawLimits();
            // both routes warmed up (the JIT compiles the gateway's path and the service's path), then the idle CPU
            // of the whole platform measured, so each load's figure can be given with it and without it
            load(ports.gateway(), siteTokens, 8, COMMANDS, "warm-up", analyst);
            load(ports.enrollment(), siteTokens, 8, COMMANDS, "warm-up", analyst);
            Thread.sleep(5_000);
            long idleBefore = cpuTicks();
            long idleStarted = System.nanoTime();
            Thread.sleep(10_000);
            idleTicksPerSecond = (cpuTicks() - idleBefore) / ((System.nanoTime() - idleStarted) / 1e9);
            row("idle CPU", "%.1f %% of one core, all processes together, after the warm-up",
                    idleTicksPerSecond * TICK_MS / 10.0);
            for (int clients : List.of(1, 8, 32)) {
                for (boolean direct : List.of(false, true)) {
                    load(direct ? ports.enrollment() : ports.gateway(), siteTokens, clients,
                            clients == 1 ? COMMANDS / 2 : COMMANDS, direct ? "direct" : "gateway", analyst);
                }
            }
            lag(siteTokens.get(0), admin, analyst);
            rebuild(admin, "outcomes", "consort");
            rebuild(admin, "outcomes", "subject-courses");
            importCohort();
            scale(analyst);
        } finally {
            try {
                trial("stop");
            } catch (RuntimeException e) {
                System.err.println("stop: " + e.getMessage());
            }
            write(loadBefore);
        }
    }

    // ---- loads ----------------------------------------------------------------------------------------------

    private void load(int port, List<String> siteTokens, int clients, int commands, String route, String analyst)
            throws Exception {
        int screenedBefore = consortScreened(analyst);
        long cpuBefore = cpuTicks();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                String token = siteTokens.get(client % siteTokens.size());
                String site = "S0" + (client % siteTokens.size() + 1);
                for (int i = client; i < commands; i += clients) {
                    long t = System.nanoTime();
                    int status = post(port, "/api/enrollment/screenings", token, screening(site)).statusCode();
                    latencies.add(System.nanoTime() - t);
                    if (status != 201) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long drainStarted = System.nanoTime();
        await(() -> consortScreened(analyst) >= screenedBefore + commands, Duration.ofMinutes(3));
        double drain = (System.nanoTime() - drainStarted) / 1e9;
        long cpu = cpuTicks() - cpuBefore;
        double idle = idleTicksPerSecond * (System.nanoTime() - started) / 1e9;
        assertThat(refused).as("refused screenings").hasValue(0);
        if (!"warm-up".equals(route)) {
            row("screenings " + clients + " client(s) " + route,
                    "%.0f/s, p50 %.1f ms, p99 %.1f ms; CPU %.2f ms per command (all processes, drain included;"
                            + " %.2f ms above idle); read models caught up %.2f s after the last answer",
                    commands / seconds, percentile(latencies, 50), percentile(latencies, 99),
                    cpu * TICK_MS / (double) commands, Math.max(0, cpu - idle) * TICK_MS / (double) commands, drain);
        }
    }

    private void lag(String site, String admin, String analyst) throws Exception {
        String safetyOfficer = token("safety-officer", null);
        List<Long> consort = new ArrayList<>();
        List<Long> status = new ArrayList<>();
        List<Long> readiness = new ArrayList<>();
        List<Long> listing = new ArrayList<>();
        for (int i = 0; i < LAG_SAMPLES; i++) {
            int before = consortScreened(analyst);
            String subject = "LAG-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(post(ports.gateway(), "/api/enrollment/screenings", site, screening("S01", subject))
                    .statusCode()).isEqualTo(201);
            long t = System.nanoTime();
            await(() -> consortScreened(analyst) > before, Duration.ofSeconds(30));
            consort.add(System.nanoTime() - t);

            assertThat(post(ports.gateway(), "/api/enrollment/subjects/" + subject + "/enrolment", site,
                    "{\"enrolledOn\":\"2026-11-21\"}").statusCode()).isEqualTo(201);
            long e = System.nanoTime();
            // read straight from the services, with tokens other than the writer's: the raw lag, no consistency wait
            await(() -> get(ports.enrollment(), "/api/enrollment/subjects/" + subject, admin).contains("enrolledOn"),
                    Duration.ofSeconds(30));
            status.add(System.nanoTime() - e);
            await(() -> get(ports.infusion(), "/api/infusion/subjects/" + subject + "/readiness", admin)
                    .contains("enrolledOn"), Duration.ofSeconds(30));
            readiness.add(System.nanoTime() - e);

            assertThat(post(ports.gateway(), "/api/safety/adverse-events", site, """
                    {"subjectId":"%s","siteId":"S01","ctcaeTerm":"Anemia","onsetDate":"2026-11-24","grade":2,
                     "serious":false,"relationshipToCarT":"possible","expected":true}""".formatted(subject))
                    .statusCode()).isEqualTo(201);
            long a = System.nanoTime();
            await(() -> get(ports.safety(), "/api/safety/subjects/" + subject + "/adverse-events", safetyOfficer)
                    .contains("Anemia"), Duration.ofSeconds(30));
            listing.add(System.nanoTime() - a);
        }
        row("lag screening 201 -> CONSORT", "p50 %.1f ms, p99 %.1f ms (%d samples, one command at a time)",
                percentile(consort, 50), percentile(consort, 99), consort.size());
        row("lag enrolment 201 -> subject status", "p50 %.1f ms, p99 %.1f ms", percentile(status, 50),
                percentile(status, 99));
        row("lag enrolment 201 -> infusion readiness", "p50 %.1f ms, p99 %.1f ms (after the subject status)",
                percentile(readiness, 50), percentile(readiness, 99));
        row("lag adverse event 201 -> safety listing", "p50 %.1f ms, p99 %.1f ms", percentile(listing, 50),
                percentile(listing, 99));
    }

    private void rebuild(String admin, String context, String readModel) throws Exception {
        HttpResponse<String> begun = post(ports.gateway(),
                "/api/" + context + "/read-models/" + readModel + "/rebuild", admin, "");
        assertThat(begun.statusCode()).as(begun.body()).isBetween(200, 299);
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            last[0] = JSON.readTree(get(ports.gateway(), "/api/" + context + "/read-models/" + readModel, admin));
            return "DONE".equals(last[0].path("state").asText()) || "FAILED".equals(last[0].path("state").asText());
        }, Duration.ofMinutes(10));
        JsonNode s = last[0];
        double seconds = Duration.between(Instant.parse(s.path("startedAt").asText()),
                Instant.parse(s.path("finishedAt").asText())).toMillis() / 1000.0;
        row("rebuild " + context + " " + readModel, "%s: %d records in %.1f s = %.0f events/s (stop, reset and"
                + " replay included)", s.path("state").asText(), s.path("recordsReplayed").asLong(), seconds,
                s.path("recordsReplayed").asLong() / Math.max(0.001, seconds));
    }

    private void importCohort() {
        long started = System.nanoTime();
        String out = trial("import-cohort", ROOT.resolve("../shared/data/cohort-dev.csv").normalize().toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        String again = out.lines().filter(l -> l.contains("sent again")).findFirst().orElse("?").strip();
        String done = out.lines().filter(l -> l.contains("subjects ")).findFirst().orElse("?").strip();
        row("import-cohort cohort-dev.csv", "%.1f s; %s; %s", seconds, done, again);
    }

    /** Subjects published straight to the enrollment topic as its forwarder would, then the analysts' reads. */
    private void scale(String analyst) throws Exception {
        int before = consortScreened(analyst);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < SCALE; i++) {
                String subject = String.format("SC-%07d", i);
                String site = "S0" + (i % 8 + 1);
                publish(producer, PublishedEventExamples.screened(subject, site, true, at));
                publish(producer, new PatientEnrolled(subject, site, LocalDate.of(2026, 11, 21), at, "1.0"));
            }
        }
        await(() -> consortScreened(analyst) >= before + SCALE, Duration.ofMinutes(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> consort = new ArrayList<>();
        List<Long> analyses = new ArrayList<>();
        for (int i = 0; i < (QUICK ? 10 : 30); i++) {
            long t = System.nanoTime();
            get(ports.gateway(), "/api/outcomes/consort", analyst);
            consort.add(System.nanoTime() - t);
        }
        for (int i = 0; i < (QUICK ? 3 : 10); i++) {
            long t = System.nanoTime();
            get(ports.gateway(), "/api/outcomes/analyses?asOf=2026-12-01", analyst);
            analyses.add(System.nanoTime() - t);
        }
        row("reads with " + (before + SCALE) + " subjects", "CONSORT p50 %.0f ms, p99 %.0f ms; full analyses p50"
                + " %.0f ms, p99 %.0f ms (the %d added subjects, screened and enrolled, reached CONSORT in %.0f s)",
                percentile(consort, 50), percentile(consort, 99), percentile(analyses, 50),
                percentile(analyses, 99), SCALE, seconds);
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, TrialEvent event) throws IOException {
        var context = EventCatalogue.contextOf(event.getClass());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(context.topic(),
                event.subjectId().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(event));
        Map<String, String> headers = Map.of("ce_id", UUID.randomUUID().toString(), "ce_specversion", "1.0",
                "ce_source", context.source(), "ce_type", EventCatalogue.typeOf(event.getClass()),
                "ce_subject", event.subjectId(), "ce_time", event.recordedAt().toString(),
                "content-type", "application/json");
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    // ---- raw limits --------------------------------------------------------------------------------------------

    private void rawLimits() throws Exception {
        // Kafka: the forwarder's producer settings, 500-byte records
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        byte[] value = new byte[500];
        int records = QUICK ? 50_000 : 200_000;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("benchmark.raw", value)).get();
            long t = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("benchmark.raw", Integer.toString(i).getBytes(), value));
            }
            producer.flush();
            double s = (System.nanoTime() - t) / 1e9;
            List<Long> e2e = new ArrayList<>();
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-raw-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("benchmark.raw"));
                while (consumer.assignment().isEmpty()) {
                    consumer.poll(Duration.ofMillis(100));
                }
                consumer.seekToEnd(consumer.assignment());
                consumer.poll(Duration.ofMillis(100));
                for (int i = 0; i < (QUICK ? 100 : 500); i++) {
                    long t0 = System.nanoTime();
                    producer.send(new ProducerRecord<>("benchmark.raw", value)).get();
                    // bounded: a consumer-group rebalance that moves the position past the record once hung the run
                    long deadline = t0 + Duration.ofSeconds(5).toNanos();
                    boolean arrived = false;
                    while (!arrived && System.nanoTime() < deadline) {
                        arrived = !consumer.poll(Duration.ofMillis(100)).isEmpty();
                    }
                    if (arrived) {
                        e2e.add(System.nanoTime() - t0);
                    }
                }
            }
            row("raw Kafka", "producer %.0f records/s (500 B, acks=all, idempotent); send -> consume p50 %.2f ms,"
                    + " p99 %.2f ms", records / s, percentile(e2e, 50), percentile(e2e, 99));
        }
        // MongoDB-wire server with the H2 backend (the read models' store)
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + ports.mongo())) {
            MongoCollection<Document> scratch = client.getDatabase("benchmark").getCollection("raw");
            int n = QUICK ? 2_000 : 5_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                scratch.updateOne(Filters.eq("_id", "u" + i), Updates.combine(Updates.set("status", "screened"),
                        Updates.push("appliedEventIds", "e" + i)), new UpdateOptions().upsert(true));
            }
            double single = n / ((System.nanoTime() - t) / 1e9);
            int bulkN = QUICK ? 10_000 : 30_000;
            t = System.nanoTime();
            for (int from = 0; from < bulkN; from += 500) {
                List<UpdateOneModel<Document>> ops = new ArrayList<>();
                for (int i = from; i < from + 500; i++) {
                    ops.add(new UpdateOneModel<>(Filters.eq("_id", "b" + i), Updates.combine(
                            Updates.set("status", "screened"), Updates.push("appliedEventIds", "e" + i)),
                            new UpdateOptions().upsert(true)));
                }
                scratch.bulkWrite(ops);
            }
            double bulk = bulkN / ((System.nanoTime() - t) / 1e9);
            scratch.drop();
            row("raw MongoDB-wire (H2 backend)", "upsert by _id %.0f/s one at a time; bulkWrite upserts %.0f docs/s",
                    single, bulk);
            results.put("_bulk", Double.toString(bulk));
        }
        // H2 file, as the event stores use it
        Path h2 = Files.createTempDirectory("h2-raw");
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + h2.resolve("raw"), "sa", "")) {
            db.createStatement().execute("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " k VARCHAR(64) UNIQUE, v VARBINARY(2000))");
            int n = QUICK ? 5_000 : 20_000;
            long t = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    insert.setString(1, "a" + i);
                    insert.setBytes(2, value);
                    insert.executeUpdate();
                }
            }
            double single = n / ((System.nanoTime() - t) / 1e9);
            db.setAutoCommit(false);
            t = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
                for (int i = 0; i < n * 5; i++) {
                    insert.setString(1, "b" + i);
                    insert.setBytes(2, value);
                    insert.addBatch();
                    if (i % 100 == 99) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
            }
            double batched = n * 5 / ((System.nanoTime() - t) / 1e9);
            row("raw H2 file", "single-row autocommit inserts %.0f/s; batches of 100 %.0f rows/s", single, batched);
        }
    }

    // ---- the platform's processes -------------------------------------------------------------------------------

    /**
     * The first starts of a new build write the class-data archives (the launcher's StartupArchives: a training run,
     * then, for a jar whose dynamic dump fails, a static dump in the background): what a build costs once, not what a
     * start costs. Two starts and stops in a throwaway data folder, the dumps awaited, then a fresh folder again.
     */
    private void archivesOfThisBuild() throws Exception {
        for (int i = 0; i < 2; i++) {
            trial("start", "-d");
            trial("stop");
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (sh("sh", "-c", "pgrep -f -- '-Xshar[e]:dump' || true").strip().length() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
        }
        try (var old = Files.walk(data)) {
            for (Path path : old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(data)).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Every process of this run: started with TRIAL_DATA_DIR set to this run's folder. */
    private Map<Long, String> processes() {
        Map<Long, String> found = new LinkedHashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String environ = new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (environ.contains("TRIAL_DATA_DIR=" + data) && cmd.contains("java")) {
                        found.put(Long.parseLong(name), component(cmd));
                    }
                } catch (IOException gone) {
                    // a process that ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String component(String cmd) {
        for (String part : cmd.split(" ")) {
            if (part.endsWith("-exec.jar")) {
                String jar = Path.of(part).getFileName().toString().replace("-0.1.0-SNAPSHOT-exec.jar", "");
                if (jar.equals("local-stack")) {
                    String rest = cmd.substring(cmd.indexOf(part) + part.length()).strip();
                    return rest.isEmpty() ? jar : rest.split(" ")[0].replace("up", "launcher");
                }
                return jar;
            }
        }
        return "tool";
    }

    private long cpuTicks() {
        long sum = 0;
        for (Long pid : processes().keySet()) {
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException gone) {
                // ended
            }
        }
        return sum;
    }

    private Map<String, Long> rss() throws IOException {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (var p : processes().entrySet()) {
            for (String line : Files.readAllLines(Path.of("/proc", p.getKey().toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb.merge(p.getValue(), Long.parseLong(line.replaceAll("\\D", "")), Long::sum);
                }
            }
        }
        return kb;
    }

    // ---- HTTP and the launcher ----------------------------------------------------------------------------------

    private String screening(String site) {
        return screening(site, String.format("BM-%s-%07d", site, subjects.incrementAndGet()));
    }

    private static String screening(String site, String subject) {
        return """
                {"subjectId":"%s","siteId":"%s","screeningDate":"2026-11-20","ageYears":8.5,"weightKg":26.4,
                 "sex":"female","performance":{"scale":"LANSKY","score":80},
                 "diagnosis":{"whoBAllByMorphology":true,"flowImmunophenotypeDone":true,"karyotypeDone":true,
                              "fusionGeneScreenDone":true},
                 "diseaseStatus":"RELAPSED_REFRACTORY","cd19ExpressionPercent":98.2,"cd22ExpressionPercent":97.0,
                 "consent":{"guardianConsentOn":"2026-11-18","consentFormVersion":"ICF-2.1"}}"""
                .formatted(subject, site);
    }

    private int consortScreened(String analyst) {
        try {
            return JSON.readTree(get(ports.outcomes(), "/api/outcomes/consort", analyst)).at("/overall/screened")
                    .asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(int port, String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String get(int port, String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).GET().build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String role, String site) {
        return site == null ? trial("token", "--role", role).strip()
                : trial("token", "--role", role, "--site", site).strip();
    }

    private String trial(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("trial").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(
                !args[0].equals("token"));
        builder.environment().put("TRIAL_DATA_DIR", data.toString());
        builder.environment().put("TRIAL_PORTS_BASE", Integer.toString(BASE));
        // the benchmark's clients share sites: their request budgets would otherwise be the limit measured
        builder.environment().put("TRIAL_RATE_LIMIT_PER_SECOND", "100000");
        builder.environment().put("TRIAL_RATE_LIMIT_BURST", "100000");
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("./trial " + String.join(" ", args) + " exited " + exit + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CheckedCondition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a read model did not catch up within " + timeout);
            }
            Thread.sleep(1);
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private void row(String what, String format, Object... args) {
        String figure = String.format(java.util.Locale.ROOT, format, args);
        results.put(what, figure);
        System.out.println("*** [" + what + "] " + figure);
    }

    private void write(String loadBefore) throws IOException {
        StringBuilder md = new StringBuilder("# Platform benchmark: the embedded default\n\n");
        md.append("Made by `").append(env("BENCHMARK_COMMAND", "benchmarks/platform.sh")).append("` on ")
                .append(Instant.now()).append(": ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", load (1/5/15 min) ")
                .append(loadBefore).append(" at the start, ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append(" at the end")
                .append(QUICK ? " (BENCHMARK_QUICK=1: small samples)" : "").append(".\n\n")
                .append("Every process of `./trial start -d` (launcher, Kafka, MongoDB-wire, authorization server,"
                        + " four services, gateway) in a fresh data folder, ports from ").append(BASE)
                .append("; the gateway's request budget raised for the run. CPU per command is utime+stime of all of"
                        + " them from /proc, before and after the load, until CONSORT has every screening.\n\n")
                .append("| what | figure |\n|---|---|\n");
        results.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n");
            }
        });
        // this benchmark's section replaces its previous one at the top; the other benchmarks' sections stay
        Path file = ROOT.resolve("benchmarks/results.md");
        String others = Files.exists(file) ? Files.readString(file) : "";
        String heading = "# Platform benchmark: the embedded default\n";
        if (others.startsWith(heading)) {
            int next = others.indexOf("\n# ", heading.length());
            others = next < 0 ? "" : others.substring(next + 1);
        }
        Files.writeString(file, md + (others.isEmpty() ? "" : "\n" + others));
        System.out.println(md);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
