package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.cartrial.localstack.AuthorizationServerClient;
import org.cartrial.localstack.Component;
import org.cartrial.localstack.EmbeddedSystem;
import org.cartrial.localstack.JwtKeys;
import org.cartrial.localstack.LocalTokens;
import org.cartrial.localstack.Ports;
import org.cartrial.localstack.Role;
import org.cartrial.localstack.TokenRequest;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.PostgresSchema;
import org.cartrial.testsupport.SseClient;
import org.cartrial.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole platform as separate processes, exactly as {@code ./trial start} runs it, except that the event stores
 * are on the local PostgreSQL (a fresh schema per service) and every port is random. One thread of a subject's
 * screening is followed through gateway, enrollment, Kafka and the outcomes read model. The steps share the
 * system (starting it takes most of the time), so they run in order and the counts add up from step to step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrialPlatformIT {

    private static final String SITES = "/api/enrollment/sites";
    private static final String SCREENINGS = "/api/enrollment/screenings";
    private static final String CONSORT = "/api/outcomes/consort";
    private static final String ENROLLMENT_TOPIC = "trial.enrollment.events";
    private static final String PATIENT_SCREENED = "org.cartrial.enrollment.PatientScreened.v1";
    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(30);
    private static final Duration STREAM_WAIT = Duration.ofSeconds(60);

    private final Map<Component, PostgresSchema> eventStores = new EnumMap<>(Component.class);
    private EmbeddedSystem system;
    private GatewayClient gateway;
    private LocalTokens tokens;
    private KafkaProbe kafka;

    @BeforeAll
    void startThePlatform() {
        Path root = Path.of(System.getProperty("trial.root", "..")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("e2e-tests/target/e2e-data")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        JwtKeys.ensure(dataDir);
        tokens = new LocalTokens(JwtKeys.load(dataDir));

        EmbeddedSystem.Builder builder = EmbeddedSystem.builder()
                .dataDir(dataDir)
                .repositoryRoot(root)
                .ports(Ports.free())
                .startupTimeout(Duration.ofSeconds(240));
        for (Component service : Component.inTier(Component.Tier.SERVICE)) {
            PostgresSchema schema = new PostgresSchema("e2e_" + service.id().replace("-service", ""));
            eventStores.put(service, schema);
            builder.environment(service, Map.of(
                    "TRIAL_EVENT_STORE_URL", schema.jdbcUrl(),
                    "TRIAL_EVENT_STORE_USER", schema.user(),
                    "SPRING_FLYWAY_SCHEMAS", schema.schema()));
        }
        // the consumers' "received" lines (DEBUG) show that one request's trace reaches them (test 11)
        builder.environment(Component.OUTCOMES, "LOGGING_LEVEL_ORG_CARTRIAL_SUPPORT_EVENTS", "debug");
        system = builder.build();
        // should the test JVM be stopped half-way, the children must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop));
        system.start();
        System.out.printf("%n*** trial platform started in %.1f s (8 processes; logs in %s)%n%n",
                system.startupTime().toMillis() / 1000.0, system.logDir());

        gateway = new GatewayClient(system.gatewayUrl());
        kafka = new KafkaProbe(system.kafkaBootstrap());

        // only a registered site screens: an admin registers the sites of the thread first
        for (String site : List.of("S01", "S02")) {
            Reply registered = gateway.postJson(SITES, token(Role.ADMIN, null),
                    "{\"siteId\":\"" + site + "\",\"name\":\"Hospital " + site + "\"}");
            assertThat(registered.status()).as("registering site " + site + ": " + registered).isEqualTo(201);
        }
    }

    @AfterAll
    void stopThePlatform() {
        if (system != null) {
            system.stop();
        }
        eventStores.values().forEach(PostgresSchema::close);
    }

    @Test
    @Order(1)
    void aSiteScreensPatientsThroughTheGateway() {
        Reply eligible = screen(Screening.eligible("S01-0001", "S01"));
        assertThat(eligible.status()).as("%s", eligible).isEqualTo(201);
        JsonNode body = eligible.json();
        assertThat(body.path("subjectId").asText()).isEqualTo("S01-0001");
        assertThat(body.path("siteId").asText()).isEqualTo("S01");
        assertThat(body.path("eligible").asBoolean()).as("%s", eligible).isTrue();
        assertThat(body.path("failedCriteria").isArray() && body.path("failedCriteria").isEmpty()).as("%s", eligible).isTrue();
        assertThat(body.path("protocolVersion").asText()).isEqualTo("1.0");

        Reply failed = screen(Screening.failingCd19("S02-0001", "S02"));
        assertThat(failed.status()).as("%s", failed).isEqualTo(201);
        assertThat(failed.json().path("eligible").asBoolean(true)).as("%s", failed).isFalse();
        assertThat(failed.json().path("failedCriteria").findValuesAsText("code")).as("%s", failed)
                .contains("cd19-expression");
    }

    @Test
    @Order(2)
    void theAnalystSeesTheConsortCounts() {
        JsonNode consort = awaitConsort(ConsortCounts.screenedOnly(1, 1));
        assertThat(ConsortCounts.of(consort.path("sites").path("S01"))).isEqualTo(ConsortCounts.screenedOnly(1, 0));
        assertThat(ConsortCounts.of(consort.path("sites").path("S02"))).isEqualTo(ConsortCounts.screenedOnly(0, 1));
        assertThat(consort.has("asOf")).as("CONSORT answer names its moment as 'asOf': %s", consort).isTrue();
    }

    @Test
    @Order(3)
    void aDuplicateDeliveryIsCountedOnce() throws InterruptedException {
        ConsumerRecord<byte[], byte[]> original = awaitScreenedRecord("S01-0001", null);
        assertThat(new String(original.key(), StandardCharsets.UTF_8)).isEqualTo("S01-0001");
        for (String header : List.of("ce_id", "ce_source", "ce_subject", "ce_time")) {
            assertThat(KafkaProbe.header(original, header)).as("CloudEvents header %s", header).isNotBlank();
        }

        kafka.redeliver(original);
        ConsumerRecord<byte[], byte[]> copy = awaitScreenedRecord("S01-0001", original);
        assertThat(KafkaProbe.header(copy, "ce_id")).isEqualTo(KafkaProbe.header(original, "ce_id"));
        try (ConsumerGroups groups = new ConsumerGroups(system.kafkaBootstrap())) {
            groups.awaitAllPast(new TopicPartition(copy.topic(), copy.partition()), copy.offset(), READ_MODEL_WAIT);
        }

        // one more subject, counted: the duplicate before it was handled and left no trace
        assertThat(screen(Screening.failingCd19("S01-0002", "S01")).status()).isEqualTo(201);
        JsonNode consort = awaitConsort(ConsortCounts.screenedOnly(1, 2));
        assertThat(ConsortCounts.of(consort.path("sites").path("S01"))).isEqualTo(ConsortCounts.screenedOnly(1, 1));
    }

    @Test
    @Order(4)
    void theGatewayRefusesCallersWithoutAValidToken() {
        String otherKey = new TestTokens().analyst();
        String expired = tokens.mint(TokenRequest.of(Role.ANALYST, null).expired());
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> caller : Map.of(
                "no token", "", "garbage", "not.a.jwt", "expired", expired, "signed by another key", otherKey).entrySet()) {
            String token = caller.getValue().isEmpty() ? null : caller.getValue();
            for (Reply reply : List.of(gateway.get(CONSORT, token),
                    gateway.postJson(SCREENINGS, token, Screening.eligible("S01-0099", "S01").json()))) {
                assertThat(reply.status()).as("%s: %s", caller.getKey(), reply).isEqualTo(401);
                if (!reply.body().isEmpty()) {
                    assertThat(reply.isProblem()).as("%s: %s", caller.getKey(), reply).isTrue();
                }
                refused.add(caller.getKey() + " " + reply.request());
            }
        }
        assertThat(refused).hasSize(8);
    }

    @Test
    @Order(5)
    void badInputIsRefusedAndARetryIsAnsweredOnce() {
        String coordinator = token(Role.SITE_COORDINATOR, "S02");
        Reply malformed = gateway.postJson(SCREENINGS, coordinator, "{\"subjectId\":\"S02-0009\",");
        assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
        assertThat(malformed.isProblem()).as("%s", malformed).isTrue();

        Reply missing = gateway.postJson(SCREENINGS, coordinator, Screening.eligible("S02-0009", "S02").json()
                .replace("\"cd19ExpressionPercent\":98.2,", ""));
        assertThat(missing.status()).as("%s", missing).isEqualTo(400);
        assertThat(missing.isProblem()).as("%s", missing).isTrue();
        assertThat(missing.json().path("errors").findValuesAsText("field")).as("%s", missing)
                .contains("cd19ExpressionPercent");

        Reply outOfRange = gateway.postJson(SCREENINGS, coordinator,
                new Screening("S02-0009", "S02", 101).json());
        assertThat(outOfRange.status()).as("%s", outOfRange).isEqualTo(400);

        String key = UUID.randomUUID().toString();
        String body = Screening.eligible("S02-0002", "S02").json();
        Reply first = gateway.postJson(SCREENINGS, coordinator, body, Map.of("Idempotency-Key", key));
        Reply retry = gateway.postJson(SCREENINGS, coordinator, body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(retry.status()).as("%s", retry).isEqualTo(first.status());
        assertThat(retry.json()).as("%s", retry).isEqualTo(first.json());

        JsonNode consort = awaitConsort(ConsortCounts.screenedOnly(2, 2));
        assertThat(ConsortCounts.of(consort.path("sites").path("S02"))).isEqualTo(ConsortCounts.screenedOnly(1, 1));
        long events = TopicContents.read(system.kafkaBootstrap(), ENROLLMENT_TOPIC, READ_MODEL_WAIT).stream()
                .filter(r -> isScreened(r, "S02-0002")).count();
        assertThat(events).as("PatientScreened events of S02-0002 on Kafka").isEqualTo(1);
        assertThat(ConsortCounts.of(consort("analyst").json().path("overall")))
                .isEqualTo(ConsortCounts.screenedOnly(2, 2));
    }

    @Test
    @Order(6)
    void theReadModelSurvivesARestartOfTheOutcomesService() {
        ConsortCounts before = ConsortCounts.of(consort("analyst").json().path("overall"));
        system.restart(Component.OUTCOMES);
        JsonNode after = awaitConsort(before);
        assertThat(ConsortCounts.of(after.path("overall"))).isEqualTo(ConsortCounts.screenedOnly(2, 2));
    }

    /**
     * Issue 3's thread: a subject goes from screening to the CD22 infusion through the gateway. The CD22 gate first
     * refuses (the latest assessment is an MRD-positive CR), then lets the infusion through once an MRD-negative CR
     * has travelled from the outcomes service over Kafka into the infusion service's read model.
     */
    @Test
    @Order(7)
    void aSubjectGoesFromScreeningToTheCd22InfusionBehindTheGate() {
        String site = token(Role.SITE_COORDINATOR, "S01");
        String subject = "S01-0001"; // screened eligible in step 1
        Reply enrolled = gateway.postJson("/api/enrollment/subjects/" + subject + "/enrolment", site,
                "{\"enrolledOn\":\"2026-11-21\"}");
        assertThat(enrolled.status()).as("%s", enrolled).isEqualTo(201);

        // the infusion service learns the enrolment from Kafka: wait for it rather than guess
        Reply lymphodepletion = awaitAccepted(() -> gateway.postJson("/api/infusion/lymphodepletions", site,
                lymphodepletion(subject, "CD19", "2026-11-21", "2026-11-22")));
        assertThat(lymphodepletion.json().path("bodySurfaceAreaM2").decimalValue()).isPositive();
        Reply cd19 = gateway.postJson("/api/infusion/infusions", site, infusion(subject, "CD19", "2026-11-23T10:00:00Z"));
        assertThat(cd19.status()).as("%s", cd19).isEqualTo(201);

        // and so does the outcomes service, which records a clinical course only for an enrolled subject
        Reply mrdPositive = awaitAccepted(() -> gateway.postJson("/api/outcomes/subjects/" + subject
                + "/response-assessments", site, assessment("day-1", "0.5")));
        assertThat(mrdPositive.json().path("derivedResponse").asText()).as("%s", mrdPositive).isEqualTo("CR");
        assertThat(mrdPositive.json().path("mrdNegative").asBoolean(true)).isFalse();
        Reply cd22Lymphodepletion = gateway.postJson("/api/infusion/lymphodepletions", site,
                lymphodepletion(subject, "CD22", "2026-11-24", "2026-11-24"));
        assertThat(cd22Lymphodepletion.status()).as("%s", cd22Lymphodepletion).isEqualTo(201);

        awaitReadinessSees(subject, "day-1");
        Reply refused = gateway.postJson("/api/infusion/infusions", site, infusion(subject, "CD22", "2026-11-24T12:00:00Z"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("code").asText()).isEqualTo("cd22-gate-closed");

        Reply mrdNegative = gateway.postJson("/api/outcomes/subjects/" + subject + "/response-assessments", site,
                assessment("day-1-repeat", "0.001"));
        assertThat(mrdNegative.json().path("mrdNegative").asBoolean()).as("%s", mrdNegative).isTrue();
        awaitReadinessSees(subject, "day-1-repeat");
        Reply cd22 = gateway.postJson("/api/infusion/infusions", site, infusion(subject, "CD22", "2026-11-24T12:00:00Z"));
        assertThat(cd22.status()).as("%s", cd22).isEqualTo(201);
        assertThat(cd22.json().toString()).contains("day-1-repeat");
    }

    /**
     * Issue 6's acceptance: tokens from the running local authorization server (client credentials with the secrets
     * it made in the data folder) work through the gateway for a POST and for the safety officer's SSE stream, which
     * shows the adverse event the site just reported.
     */
    @Test
    @Order(8)
    void tokensOfTheAuthorizationServerServeAPostAndTheSafetyStream() throws Exception {
        AuthorizationServerClient authorizationServer = new AuthorizationServerClient(
                java.net.URI.create(system.authorizationServerUrl()), system.dataDir());
        String site = authorizationServer.token(Role.SITE_COORDINATOR, "S01");
        String safetyOfficer = authorizationServer.token(Role.SAFETY_OFFICER, null);
        JsonNode claims = TokenClaims.of(site);
        assertThat(claims.path("iss").asText()).isEqualTo(system.jwtIssuer());
        assertThat(claims.path("sub").asText()).isEqualTo("site-coordinator-S01");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"site-coordinator\"]");
        assertThat(claims.path("sites").toString()).isEqualTo("[\"S01\"]");

        try (SseClient stream = SseClient.open(system.gatewayUrl() + "/api/safety/stream?site=S01&kinds=reported",
                safetyOfficer, null)) {
            assertThat(stream.status()).as(stream.errorBody()).isEqualTo(200);
            stream.nextEvent("ready", STREAM_WAIT);
            Reply reported = gateway.postJson("/api/safety/adverse-events", site, """
                    {"subjectId":"S01-0001","siteId":"S01","ctcaeTerm":"Febrile neutropenia","onsetDate":"2026-11-25",
                     "grade":2,"serious":false,"relationshipToCarT":"possible","expected":true}""");
            assertThat(reported.status()).as("%s", reported).isEqualTo(201);
            String id = reported.json().path("adverseEventId").asText();
            assertThat(id).isNotBlank();
            assertThat(frameData(stream.nextEvent("reported", STREAM_WAIT).data()).path("adverseEventId").asText())
                    .isEqualTo(id);
        }

        // the site's token of the authorization server is still bound to its site
        Reply otherSite = gateway.postJson(SCREENINGS, site, Screening.eligible("S02-0077", "S02").json());
        assertThat(otherSite.status()).as("%s", otherSite).isIn(403, 404);
        // and the stream refuses a caller without a token
        assertThat(gateway.get("/api/safety/stream", null).status()).isEqualTo(401);
    }

    /**
     * A safety officer's stream through the gateway: subscribed, then away while a site reports 50 adverse events;
     * reconnecting with Last-Event-ID gives exactly those 50, in order, then a live one. A second officer asking for
     * grade 3 or worse gets only that subset. The gateway must neither buffer nor cut the stream.
     */
    @Test
    @Order(9)
    void aSafetyOfficerWhoReconnectsGetsEveryMissedAdverseEventOnceInOrderThroughTheGateway() throws Exception {
        String officer = token(Role.SAFETY_OFFICER, null);
        String site = token(Role.SITE_COORDINATOR, "S02");
        String stream = system.gatewayUrl() + "/api/safety/stream?site=S02&kinds=reported";
        String lastSeen;
        try (SseClient first = SseClient.open(stream, officer, null)) {
            assertThat(first.status()).as(first.errorBody()).isEqualTo(200);
            first.nextEvent("ready", STREAM_WAIT);
            String before = reportAdverseEvent(site, "S02-0100", 2);
            SseClient.Frame seen = first.nextEvent("reported", STREAM_WAIT);
            assertThat(frameData(seen.data()).path("adverseEventId").asText()).isEqualTo(before);
            lastSeen = seen.id();
        }

        List<String> missed = new ArrayList<>();
        List<String> severe = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int grade = 1 + i % 4;
            String id = reportAdverseEvent(site, "S02-0100", grade);
            missed.add(id);
            if (grade >= 3) {
                severe.add(id);
            }
        }

        try (SseClient again = SseClient.open(stream, officer, lastSeen);
                SseClient grade3 = SseClient.open(stream + "&minGrade=3", officer, lastSeen)) {
            assertThat(again.status()).as(again.errorBody()).isEqualTo(200);
            assertThat(adverseEventIds(again, 50)).containsExactlyElementsOf(missed);
            assertThat(adverseEventIds(grade3, severe.size())).containsExactlyElementsOf(severe);

            String live = reportAdverseEvent(site, "S02-0100", 4);
            assertThat(adverseEventIds(again, 1)).containsExactly(live);
            assertThat(adverseEventIds(grade3, 1)).containsExactly(live);
            assertThat(again.drain(Duration.ofSeconds(2))).noneMatch(f -> "reported".equals(f.event()));
        }
    }

    private static JsonNode frameData(String data) {
        return new Reply("SSE frame", 200, "application/json", data).json();
    }

    /**
     * Issue 7's sweep: hundreds of generated malformed requests across every write endpoint (and injection in the
     * filters of the reads): every one answered 4xx problem+json, not one event stored, every service still healthy.
     */
    @Test
    @Order(10)
    void generatedBadInputIsRefusedEverywhereAndStoresNothing() throws Exception {
        String admin = token(Role.ADMIN, null);
        String site = token(Role.SITE_COORDINATOR, "S01");
        String unregisteredSite = token(Role.SITE_COORDINATOR, "S98");
        String analyst = token(Role.ANALYST, null);
        String officer = token(Role.SAFETY_OFFICER, null);
        // a valid report by a coordinator of another site is refused (403): no probe of it can store an event
        String otherSite = token(Role.SITE_COORDINATOR, "S02");
        String adverseEvent = """
                {"subjectId":"S01-0200","siteId":"S01","ctcaeTerm":"Febrile neutropenia","onsetDate":"2026-11-25",
                 "grade":3,"serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"possible",
                 "expected":true,"outcome":"RECOVERING"}""";
        String unknownAe = "/api/safety/adverse-events/" + UUID.randomUUID();
        String subject = "/api/enrollment/subjects/" + BadInputSweep.PATH_ID;
        String course = "/api/outcomes/subjects/" + BadInputSweep.PATH_ID;
        List<BadInputSweep.Endpoint> writes = List.of(
                new BadInputSweep.Endpoint("/api/enrollment/sites", admin,
                        "{\"siteId\":\"S01\",\"name\":\"Hospital S01\",\"country\":\"DE\"}"),
                new BadInputSweep.Endpoint(SCREENINGS, unregisteredSite, Screening.eligible("S98-0001", "S98").json()),
                new BadInputSweep.Endpoint(subject + "/enrolment", site, "{\"enrolledOn\":\"2026-11-21\"}"),
                new BadInputSweep.Endpoint(subject + "/withdrawal", site,
                        "{\"withdrawnOn\":\"2026-11-22\",\"reason\":\"family moved\",\"survivalFollowUpAllowed\":true}"),
                new BadInputSweep.Endpoint("/api/enrollment/protocol/amendments", admin, """
                        {"version":"1.0","effectiveFrom":"2026-12-01","reason":"sweep","minAgeYears":1,"maxAgeYears":18,
                         "cd19ExpressionAbovePercent":95,"cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,
                         "lanskyBelowAgeYears":16,"minLansky":50,"minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,
                         "minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0}"""),
                new BadInputSweep.Endpoint("/api/infusion/lymphodepletions", site,
                        lymphodepletion(BadInputSweep.PATH_ID, "CD19", "2026-11-21", "2026-11-22")),
                new BadInputSweep.Endpoint("/api/infusion/infusions", site,
                        infusion(BadInputSweep.PATH_ID, "CD19", "2026-11-23T10:00:00Z")),
                new BadInputSweep.Endpoint("/api/safety/adverse-events", otherSite, adverseEvent),
                new BadInputSweep.Endpoint(unknownAe + "/updates", site,
                        "{\"assessedOn\":\"2026-11-26\",\"grade\":4,\"outcome\":\"RECOVERING\"}"),
                new BadInputSweep.Endpoint(unknownAe + "/corrections", site,
                        "{\"reason\":\"typo\",\"onsetDate\":\"2026-11-24\",\"grade\":2}"),
                new BadInputSweep.Endpoint(unknownAe + "/recodings", site,
                        "{\"reason\":\"recoded\",\"ctcaeTerm\":\"Sepsis\",\"meddraCode\":\"10040047\",\"grade\":3}"),
                new BadInputSweep.Endpoint(unknownAe + "/reports", site,
                        "{\"recipient\":\"SPONSOR\",\"sentAt\":\"2026-11-26T10:00:00Z\"}"),
                new BadInputSweep.Endpoint("/api/safety/subjects/" + BadInputSweep.PATH_ID + "/toxicity-surveillance",
                        otherSite, """
                        {"siteId":"S01","syndrome":"CRS","observedFrom":"2026-11-20","observedTo":"2026-11-25",
                         "observed":false}"""),
                new BadInputSweep.Endpoint(course + "/response-assessments", site, assessment("sweep-1", "0.001")),
                new BadInputSweep.Endpoint(course + "/relapse", site, """
                        {"siteId":"S01","detectedOn":"2026-11-25","relapseSite":"MARROW","cd19Positive":true,
                         "cd22Positive":true}"""),
                new BadInputSweep.Endpoint(course + "/death", site,
                        "{\"siteId\":\"S01\",\"diedOn\":\"2026-11-25\",\"cause\":\"OTHER\"}"),
                new BadInputSweep.Endpoint(course + "/follow-ups", site,
                        "{\"siteId\":\"S01\",\"knownAliveOn\":\"2026-11-25\"}"));
        List<BadInputSweep.Endpoint> reads = List.of(
                new BadInputSweep.Endpoint("/api/outcomes/analyses?asOf=2026-11-30&site={value}", analyst, null),
                new BadInputSweep.Endpoint("/api/outcomes/analyses?asOf={value}", analyst, null),
                new BadInputSweep.Endpoint("/api/enrollment/subjects?site={value}", admin, null),
                new BadInputSweep.Endpoint("/api/enrollment/subjects/{value}", admin, null),
                new BadInputSweep.Endpoint("/api/safety/incidence?site={value}", officer, null),
                new BadInputSweep.Endpoint("/api/safety/stream?site={value}", officer, null),
                new BadInputSweep.Endpoint("/api/outcomes/subjects/{value}/timeline", admin, null));
        Map<Component, Long> eventsBefore = storedEventCounts();

        List<BadInputSweep.Probe> probes = BadInputSweep.probes(writes, reads);
        BadInputSweep.Result result = BadInputSweep.run(gateway, probes);

        Map<Component, Long> eventsAfter = storedEventCounts();
        System.out.printf("%n*** bad-input sweep: %d probes over %d write endpoints and %d filtered reads;"
                + " statuses %s; not a 4xx problem: %d; events stored before %s, after %s%n%n", result.probes(),
                writes.size(), reads.size(), result.statuses(), result.notA4xxProblem().size(), eventsBefore,
                eventsAfter);
        assertThat(result.probes()).isGreaterThanOrEqualTo(500);
        assertThat(result.notA4xxProblem()).isEmpty();
        assertThat(eventsAfter).isEqualTo(eventsBefore);
        for (Component service : Component.inTier(Component.Tier.SERVICE)) {
            Reply health = new GatewayClient(system.url(service)).get("/actuator/health", null);
            assertThat(health.status()).as("%s after the sweep: %s", service.id(), health).isEqualTo(200);
        }
    }

    private Map<Component, Long> storedEventCounts() throws java.sql.SQLException {
        Map<Component, Long> counts = new EnumMap<>(Component.class);
        for (Map.Entry<Component, PostgresSchema> store : eventStores.entrySet()) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(store.getValue().jdbcUrl(),
                    store.getValue().user(), "");
                    java.sql.ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM domainevententry")) {
                rows.next();
                counts.put(store.getKey(), rows.getLong(1));
            }
        }
        return counts;
    }

    private String reportAdverseEvent(String siteToken, String subject, int grade) {
        Reply reported = gateway.postJson("/api/safety/adverse-events", siteToken, """
                {"subjectId":"%s","siteId":"S02","ctcaeTerm":"Febrile neutropenia","onsetDate":"2026-11-25",
                 "grade":%d,"serious":false,"relationshipToCarT":"possible","expected":true}""".formatted(subject, grade));
        assertThat(reported.status()).as("%s", reported).isEqualTo(201);
        return reported.json().path("adverseEventId").asText();
    }

    private List<String> adverseEventIds(SseClient client, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(frameData(client.nextEvent("reported", STREAM_WAIT).data()).path("adverseEventId").asText());
        }
        return ids;
    }

    private Reply awaitAccepted(java.util.function.Supplier<Reply> request) {
        Reply[] last = new Reply[1];
        await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = request.get();
            return last[0].status() == 201;
        });
        return last[0];
    }

    private void awaitReadinessSees(String subject, String assessmentId) {
        String staff = token(Role.SITE_COORDINATOR, "S01");
        await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(250)).until(() -> gateway
                .get("/api/infusion/subjects/" + subject + "/readiness", staff).body().contains(assessmentId));
    }

    private static String lymphodepletion(String subject, String product, String startedOn, String lastDoseOn) {
        return """
                {"subjectId":"%s","siteId":"S01","beforeProduct":"%s",
                 "agents":[{"drug":"fludarabine","doseMgPerM2":30},{"drug":"cyclophosphamide","doseMgPerM2":500}],
                 "heightCm":128.0,"weightKg":26.4,"startedOn":"%s","lastDoseOn":"%s"}"""
                .formatted(subject, product, startedOn, lastDoseOn);
    }

    private static String infusion(String subject, String product, String infusedAt) {
        return """
                {"subjectId":"%s","siteId":"S01","product":"%s","infusedAt":"%s","dose10e6CellsPerKg":2.5,
                 "weightKg":26.4,"productLot":"LOT-%s-1"}""".formatted(subject, product, infusedAt, product);
    }

    private static String assessment(String id, String mrdPercent) {
        return """
                {"siteId":"S01","assessmentId":"%s","assessedOn":"2026-11-24","marrowBlastsPercent":1,
                 "circulatingBlasts":false,"extramedullaryDisease":false,"cnsStatus":"CNS1","ancPer10e9L":1.5,
                 "plateletsPer10e9L":150,"mrdPercent":%s,"mrdDetectionLimitPercent":0.001,"investigatorResponse":"CR"}"""
                .formatted(id, mrdPercent);
    }

    @Test
    @Order(11)
    void oneScreeningsTraceGoesFromTheGatewayThroughKafkaIntoTheOutcomesConsumer() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + String.format("%04x", new Random().nextInt(0x10000));
        Reply screened = gateway.postJson(SCREENINGS, token(Role.SITE_COORDINATOR, "S02"),
                Screening.eligible("S02-0011", "S02").json(),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(screened.status()).as("%s", screened).isEqualTo(201);

        // the gateway's route log, the enrollment service's command log, the outcomes consumer's "received" line
        for (Component process : List.of(Component.GATEWAY, Component.ENROLLMENT, Component.OUTCOMES)) {
            await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(Files.readAllLines(system.logFile(process)))
                            .as("lines of %s with trace %s", process, traceId)
                            .anyMatch(line -> line.contains("[" + traceId + ",")));
        }
        assertThat(Files.readAllLines(system.logFile(Component.OUTCOMES)))
                .anyMatch(line -> line.contains("[" + traceId + ",") && line.contains("PatientScreened"));
    }

    @Test
    @Order(12)
    void theMetricsAreForTheMonitorRoleOnlyAndCountTheCommands() {
        String metrics = "/actuator/prometheus";
        Map<String, String> plainText = Map.of("Accept", "text/plain");
        GatewayClient enrollment = new GatewayClient(system.url(Component.ENROLLMENT));
        assertThat(enrollment.get(metrics, null, plainText).status()).isEqualTo(401);
        assertThat(enrollment.get(metrics, token(Role.ADMIN, null), plainText).status()).isEqualTo(403);
        Reply scraped = enrollment.get(metrics, token(Role.MONITOR, null), plainText);
        assertThat(scraped.status()).as("%s", scraped).isEqualTo(200);
        assertThat(scraped.body())
                .contains("trial_commands_seconds_count{application=\"enrollment-service\","
                        + "command=\"POST /api/enrollment/screenings\",outcome=\"accepted\"")
                .contains("trial_forwarder_lag_events{application=\"enrollment-service\"}")
                .contains("spring_cloud_stream_binder_kafka_offset{");
        // the gateway's own metrics need the monitor role too (it routes no /actuator path to a service)
        assertThat(gateway.get(metrics, token(Role.ADMIN, null), plainText).status()).isEqualTo(403);
        assertThat(gateway.get(metrics, token(Role.MONITOR, null), plainText).status()).isEqualTo(200);
        // a monitor token opens none of the trial's data
        assertThat(gateway.get(CONSORT, token(Role.MONITOR, null)).status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Reply screen(Screening screening) {
        return gateway.postJson(SCREENINGS, token(Role.SITE_COORDINATOR, screening.siteId()), screening.json());
    }

    private String token(Role role, String site) {
        return tokens.mint(TokenRequest.of(role, site));
    }

    private Reply consort(String who) {
        return gateway.get(CONSORT, token(Role.of(who), null));
    }

    /** Polls the CONSORT answer until its overall counts are {@code expected}; fails with the last answer. */
    private JsonNode awaitConsort(ConsortCounts expected) {
        AtomicReference<Reply> last = new AtomicReference<>();
        try {
            await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                Reply reply = consort("analyst");
                last.set(reply);
                return reply.status() == 200 && ConsortCounts.of(reply.json().path("overall")).equals(expected);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("CONSORT counts did not reach " + expected + " within " + READ_MODEL_WAIT
                    + "; last answer: " + last.get(), e);
        }
        return last.get().json();
    }

    /** The PatientScreened record of the subject; with {@code other} given, another one than that. */
    private ConsumerRecord<byte[], byte[]> awaitScreenedRecord(String subjectId, ConsumerRecord<byte[], byte[]> other) {
        List<ConsumerRecord<byte[], byte[]>> read = kafka.awaitRecord(ENROLLMENT_TOPIC,
                r -> isScreened(r, subjectId)
                        && (other == null || r.partition() != other.partition() || r.offset() != other.offset()),
                READ_MODEL_WAIT);
        return read.get(read.size() - 1);
    }

    private static boolean isScreened(ConsumerRecord<byte[], byte[]> record, String subjectId) {
        return PATIENT_SCREENED.equals(KafkaProbe.header(record, "ce_type"))
                && (subjectId.equals(KafkaProbe.header(record, "ce_subject"))
                        || record.key() != null && subjectId.equals(new String(record.key(), StandardCharsets.UTF_8)));
    }
}
