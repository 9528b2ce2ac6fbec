package org.cartrial.infusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cartrial.infusion.ClinicalEventExamples.adverseEventReported;
import static org.cartrial.infusion.ClinicalEventExamples.assessed;
import static org.cartrial.infusion.ClinicalEventExamples.enrolled;
import static org.cartrial.infusion.ClinicalEventExamples.withdrawn;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.infusion.readiness.query.ReadinessProjection;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.protocol.ProtocolVersionsProjection;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.TrialTestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The infusion service on its real parts, in one Spring context (one member of consumer group infusion-service):
 * event store on PostgreSQL, the forwarder to an in-process Kafka broker (KRaft), the enrollment, outcomes and
 * safety topics consumed into the readiness read model on the MongoDB wire server; requests with real RS256
 * tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,infusion-service")
class InfusionServiceIntegrationTest {

    private static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();
    private static final Duration CONSUMED = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        ENV.register(registry, "infusion-service");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    IdempotentProjection projection;
    @Autowired
    SubjectReadLog readLog;

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    // ---- the other contexts' events, as their forwarders publish them ----

    private String publish(TrialEvent event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, event);
        return eventId;
    }

    /** @return the record's position, as a consistency token */
    private String publish(String eventId, TrialEvent event) throws Exception {
        TrialContext context = EventCatalogue.contextOf(event.getClass());
        return kafka.send(context.topic(), event.subjectId().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(event),
                Map.of("ce_id", eventId, "ce_specversion", "1.0", "ce_source", context.source(),
                        "ce_type", EventCatalogue.typeOf(event.getClass()), "ce_subject", event.subjectId(),
                        "ce_time", Instant.now().toString()));
    }

    private Document readinessDocument(String subjectId) {
        return mongo.findById(subjectId, Document.class, ReadinessProjection.COLLECTION);
    }

    private List<String> applied(String subjectId) {
        Document d = readinessDocument(subjectId);
        return d == null ? List.of() : d.getList(IdempotentProjection.APPLIED_EVENTS, String.class);
    }

    /** Publishes the enrolment of each subject (on 2026-11-01) and waits until the read model has every one. */
    private void enrol(String site, String... subjects) throws Exception {
        for (String subject : subjects) {
            publish(enrolled(subject, site, LocalDate.of(2026, 11, 1)));
        }
        await().atMost(CONSUMED).untilAsserted(() -> {
            for (String subject : subjects) {
                Document d = readinessDocument(subject);
                assertThat(d).isNotNull();
                assertThat(d.getString("enrolledOn")).isEqualTo("2026-11-01");
            }
        });
    }

    // ---- requests ----

    private ResponseEntity<String> post(String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> post(String token, String body) {
        return post("/api/infusion/infusions", token, body);
    }

    private ResponseEntity<String> readiness(String token, String subjectId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange("/api/infusion/subjects/" + subjectId + "/readiness", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
    }

    private JsonNode readinessOk(String subjectId) throws Exception {
        ResponseEntity<String> response = readiness(ENV.tokens().admin(), subjectId);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private static String infusion(String subjectId, String site, String product, String dose) {
        return infusion(subjectId, site, product, "2026-11-19T23:30:00Z", dose, null);
    }

    private static String infusion(String subjectId, String site, String product, String at, String dose,
            String overrideReason) {
        return """
                {"subjectId":"%s","siteId":"%s","product":"%s","infusedAt":"%s",
                 "dose10e6CellsPerKg":%s,"weightKg":24.5,"productLot":"LOT-2026-0042"%s}"""
                .formatted(subjectId, site, product, at, dose,
                        overrideReason == null ? "" : ",\"override\":{\"reason\":\"" + overrideReason + "\"}");
    }

    private static String lymphodepletion(String subjectId, String site, String product, String startedOn,
            String lastDoseOn) {
        return """
                {"subjectId":"%s","siteId":"%s","beforeProduct":"%s",
                 "agents":[{"drug":"fludarabine","doseMgPerM2":30},{"drug":"cyclophosphamide","doseMgPerM2":500}],
                 "heightCm":130,"weightKg":26.4,"startedOn":"%s","lastDoseOn":"%s"}"""
                .formatted(subjectId, site, product, startedOn, lastDoseOn);
    }

    private ResponseEntity<String> lymphodeplete(String token, String subjectId, String site, String product,
            String startedOn, String lastDoseOn) {
        return post("/api/infusion/lymphodepletions", token,
                lymphodepletion(subjectId, site, product, startedOn, lastDoseOn));
    }

    private int eventsOf(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, subjectId);
    }

    private static String newSubject(String site) {
        return site + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String investigator(String site) {
        return ENV.tokens().token("investigator-" + site, List.of("investigator"), List.of(site), Duration.ofHours(1));
    }

    // ---- lymphodepletion and CD19 ----

    @Test
    void lymphodepletion_and_an_infusion_are_stored_with_their_caller_and_published_to_kafka() throws Exception {
        enrol("S01", "S01-0001");
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> given = lymphodeplete(token, "S01-0001", "S01", "CD19", "2026-11-15", "2026-11-17");
        assertThat(given.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode lymphodepletion = json.readTree(given.getBody());
        assertThat(lymphodepletion.get("bodySurfaceAreaM2").decimalValue()).isEqualByComparingTo("0.98");
        assertThat(lymphodepletion.get("heightCm").decimalValue()).isEqualByComparingTo("130");
        assertThat(lymphodepletion.get("startedOn").asText()).isEqualTo("2026-11-15");
        assertThat(lymphodepletion.at("/agents/1/drug").asText()).isEqualTo("cyclophosphamide");

        ResponseEntity<String> response = post(token, infusion("S01-0001", "S01", "CD19", "2.7"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("product").asText()).isEqualTo("CD19");
        assertThat(body.get("infusedOn").asText()).isEqualTo("2026-11-19");
        assertThat(body.get("protocolVersion").asText()).isEqualTo("1.0");
        assertThat(body.has("cd22GateEvidence")).isFalse();

        Map<String, Object> stored = jdbc.queryForMap("SELECT eventidentifier, metadata FROM domainevententry "
                + "WHERE aggregateidentifier = 'S01-0001' AND payloadtype = 'org.cartrial.api.infusion.CarTInfused'");
        String eventId = (String) stored.get("eventidentifier");
        assertThat(new String((byte[]) stored.get("metadata"))).contains("\"actorUser\":\"coordinator-S01\"")
                .contains("site-coordinator");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'S01-0001' "
                + "AND payloadtype = 'org.cartrial.api.infusion.LymphodepletionGiven'", Integer.class)).isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.infusion.events",
                r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key())).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("org.cartrial.infusion.CarTInfused.v1");
        assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/cartrial/infusion-service");
        assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, "ce_time")).isNotBlank();
        JsonNode published = json.readTree(record.value());
        assertThat(published.get("dose10e6CellsPerKg").decimalValue()).isEqualByComparingTo("2.7");
        assertThat(published.get("occurredOn").asText()).isEqualTo("2026-11-19");
        assertThat(published.get("productLot").asText()).isEqualTo("LOT-2026-0042");
        assertThat(published.has("cd22GateEvidence")).isFalse();
        assertThat(records.stream().anyMatch(r -> "org.cartrial.infusion.LymphodepletionGiven.v1"
                .equals(KafkaProbe.header(r, "ce_type")) && "S01-0001".equals(KafkaProbe.header(r, "ce_subject"))))
                .isTrue();
    }

    @Test
    void a_request_with_the_consistency_token_of_an_enrolment_is_served_once_the_enrolment_is_learnt()
            throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        // the enrolment's position on Kafka, as enrollment-service's answer to the enrolment gives it
        String enrolment = publish(UUID.randomUUID().toString(), enrolled("S01-RYW-1", "S01", LocalDate.of(2026, 11, 1)));

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        headers.set(ConsistencyToken.HEADER, enrolment);
        ResponseEntity<String> given = http.exchange("/api/infusion/lymphodepletions", HttpMethod.POST,
                new HttpEntity<>(lymphodepletion("S01-RYW-1", "S01", "CD19", "2026-11-15", "2026-11-17"), headers),
                String.class);

        assertThat(given.getStatusCode()).as(given.getBody()).isEqualTo(HttpStatus.CREATED);
        ConsistencyToken answered = ConsistencyToken.parse(given.getHeaders().getFirst(ConsistencyToken.HEADER));
        assertThat(answered.offsets().keySet()).as("what the client has seen now: the enrolment and the lymphodepletion")
                .extracting(ConsistencyToken.Partition::topic)
                .contains("trial.enrollment.events", "trial.infusion.events");
        assertThat(answered.merge(ConsistencyToken.parse(enrolment))).isEqualTo(answered);
        String eventId = jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier"
                + " = 'S01-RYW-1' AND payloadtype = 'org.cartrial.api.infusion.LymphodepletionGiven'", String.class);
        var partition = answered.only(List.of("trial.infusion.events")).offsets().entrySet().iterator().next();
        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.infusion.events",
                r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.stream()
                .filter(r -> eventId.equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow();
        assertThat(record.partition()).isEqualTo(partition.getKey().partition());
        assertThat(record.offset()).as("the answer names where the event is on Kafka").isEqualTo(partition.getValue());
    }

    @Test
    void a_malformed_consistency_token_is_a_problem_naming_the_header_and_stores_nothing() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ENV.tokens().siteCoordinator("S01"));
        headers.set(ConsistencyToken.HEADER, "trial.enrollment.events:two:3");

        ResponseEntity<String> refused = http.exchange("/api/infusion/lymphodepletions", HttpMethod.POST,
                new HttpEntity<>(lymphodepletion("S01-RYW-2", "S01", "CD19", "2026-11-15", "2026-11-17"), headers),
                String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo(ConsistencyToken.HEADER);
        assertThat(problem.at("/errors/0/rule").asText()).isEqualTo("consistency-token-format");
        assertThat(eventsOf("S01-RYW-2")).isZero();
    }

    @Test
    void bad_input_gets_a_problem_naming_the_field_and_stores_nothing() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> malformed = post(token, "{\"subjectId\": \"S01-0100\", ");
        ResponseEntity<String> missing = post(token, infusion("S01-0101", "S01", "CD19", "2.7")
                .replace("\"weightKg\":24.5,", ""));
        ResponseEntity<String> unknownProduct = post(token, infusion("S01-0102", "S01", "CD20", "2.7"));
        ResponseEntity<String> negativeDose = post(token, infusion("S01-0103", "S01", "CD19", "-1"));
        ResponseEntity<String> wrongType = post(token, infusion("S01-0104", "S01", "CD19", "\"high\""));
        ResponseEntity<String> blankOverride = post(token,
                infusion("S01-0105", "S01", "CD22", "2026-11-19T23:30:00Z", "2.2", " "));
        ResponseEntity<String> noAgents = post("/api/infusion/lymphodepletions", token,
                lymphodepletion("S01-0106", "S01", "CD19", "2026-11-15", "2026-11-17")
                        .replaceAll("\"agents\":\\[.*\\],", "\"agents\":[],"));
        ResponseEntity<String> noHeight = post("/api/infusion/lymphodepletions", token,
                lymphodepletion("S01-0107", "S01", "CD19", "2026-11-15", "2026-11-17").replace("\"heightCm\":130,", ""));

        for (ResponseEntity<String> response : List.of(malformed, missing, unknownProduct, negativeDose, wrongType,
                blankOverride, noAgents, noHeight)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(json.readTree(missing.getBody()).get("errors").findValuesAsText("field")).contains("weightKg");
        assertThat(json.readTree(unknownProduct.getBody()).get("errors").findValuesAsText("field")).contains("product");
        assertThat(json.readTree(negativeDose.getBody()).get("errors").findValuesAsText("field"))
                .contains("dose10e6CellsPerKg");
        assertThat(json.readTree(negativeDose.getBody()).get("errors").findValuesAsText("rule")).contains("DecimalMin");
        assertThat(json.readTree(wrongType.getBody()).get("errors").findValuesAsText("field"))
                .contains("dose10e6CellsPerKg");
        assertThat(json.readTree(blankOverride.getBody()).get("errors").findValuesAsText("field"))
                .contains("override.reason");
        assertThat(json.readTree(noAgents.getBody()).get("errors").findValuesAsText("field")).contains("agents");
        assertThat(json.readTree(noHeight.getBody()).get("errors").findValuesAsText("field")).contains("heightCm");
        for (int i = 100; i <= 107; i++) {
            assertThat(eventsOf("S01-0" + i)).isZero();
        }
    }

    @Test
    void protocol_rules_are_refused_with_a_named_rule_and_store_nothing() throws Exception {
        enrol("S01", "S01-0200", "S01-0201", "S01-0203", "S01-0204");
        publish(withdrawn("S01-0204", "S01", LocalDate.of(2026, 11, 10)));
        await().atMost(CONSUMED).until(() -> readinessDocument("S01-0204").getString("withdrawnOn") != null);
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> overdose = post(token, infusion("S01-0200", "S01", "CD19", "5.01"));
        ResponseEntity<String> cd22First = post(token, infusion("S01-0201", "S01", "CD22", "2.2"));
        ResponseEntity<String> notEnrolled = post(token, infusion("S01-0202", "S01", "CD19", "2.7"));
        ResponseEntity<String> notLymphodepleted = post(token, infusion("S01-0203", "S01", "CD19", "2.7"));
        ResponseEntity<String> lastDoseFirst = lymphodeplete(token, "S01-0203", "S01", "CD19", "2026-11-15",
                "2026-11-14");
        ResponseEntity<String> withdrawnSubject = post(token, infusion("S01-0204", "S01", "CD19", "2.7"));

        for (ResponseEntity<String> response : List.of(overdose, cd22First, notEnrolled, notLymphodepleted,
                lastDoseFirst)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        JsonNode overdoseProblem = json.readTree(overdose.getBody());
        assertThat(overdoseProblem.get("code").asText()).isEqualTo("dose-out-of-range");
        assertThat(overdoseProblem.get("errors").findValuesAsText("field")).containsExactly("dose10e6CellsPerKg");
        assertThat(json.readTree(cd22First.getBody()).get("code").asText()).isEqualTo("cd19-not-given");
        assertThat(json.readTree(notEnrolled.getBody()).get("code").asText()).isEqualTo("not-enrolled");
        assertThat(json.readTree(notLymphodepleted.getBody()).get("code").asText()).isEqualTo("no-lymphodepletion");
        assertThat(json.readTree(lastDoseFirst.getBody()).get("code").asText()).isEqualTo("last-dose-before-start");
        assertThat(withdrawnSubject.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(withdrawnSubject.getBody()).get("code").asText()).isEqualTo("subject-withdrawn");
        for (String subject : List.of("S01-0200", "S01-0201", "S01-0202", "S01-0203", "S01-0204")) {
            assertThat(eventsOf(subject)).isZero();
        }
    }

    /**
     * Issue 14: enrollment accepted a dose-range amendment and infusion went on checking its own constant 0.5-5.0.
     * The amendment (effective 2026-11-28, after every other infusion date of this class) reaches infusion from the
     * enrollment topic; an infusion on or after its date is judged by it and records its version.
     */
    @Test
    void an_amendment_published_by_enrollment_governs_infusions_from_its_effective_date_on() throws Exception {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        ProtocolSettings widened = new ProtocolSettings("1.1", LocalDate.of(2026, 11, 28), v1.minAgeYears(),
                v1.maxAgeYears(), v1.cd19ExpressionAbovePercent(), v1.cd22ExpressionAbovePercent(),
                v1.mrdPositiveMoreThanMonths(), v1.lanskyBelowAgeYears(), v1.minLansky(), v1.minKarnofsky(),
                v1.maxEcog(), v1.assentFromAgeYears(), new java.math.BigDecimal("0.5"),
                new java.math.BigDecimal("6.0"));
        enrol("S01", "S01-0700", "S01-0701");
        publish(new ProtocolAmended(widened, "maximum dose 6.0", Instant.now()));
        await().atMost(CONSUMED).until(() -> mongo.findById("1.1", Document.class,
                ProtocolVersionsProjection.COLLECTION) != null);
        String token = ENV.tokens().siteCoordinator("S01");

        assertThat(lymphodeplete(token, "S01-0700", "S01", "CD19", "2026-11-25", "2026-11-27").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> afterAmendment = post(token,
                infusion("S01-0700", "S01", "CD19", "2026-11-30T10:00:00Z", "5.5", null));
        assertThat(afterAmendment.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(afterAmendment.getBody()).get("protocolVersion").asText()).isEqualTo("1.1");

        assertThat(lymphodeplete(token, "S01-0701", "S01", "CD19", "2026-11-20", "2026-11-22").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> beforeAmendment = post(token,
                infusion("S01-0701", "S01", "CD19", "2026-11-26T10:00:00Z", "5.5", null));
        assertThat(beforeAmendment.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(beforeAmendment.getBody()).get("code").asText()).isEqualTo("dose-out-of-range");
    }

    @Test
    void a_second_infusion_of_a_product_is_a_conflict() throws Exception {
        enrol("S01", "S01-0300");
        String token = ENV.tokens().siteCoordinator("S01");
        lymphodeplete(token, "S01-0300", "S01", "CD19", "2026-11-15", "2026-11-17");
        assertThat(post(token, infusion("S01-0300", "S01", "CD19", "2.7")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> again = post(token, infusion("S01-0300", "S01", "CD19", "2.7"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(eventsOf("S01-0300")).isEqualTo(2); // the lymphodepletion and the one infusion
    }

    @Test
    void an_infusion_is_corrected_with_a_reason_and_a_refused_correction_stores_nothing() throws Exception {
        enrol("S01", "S01-0310");
        String token = ENV.tokens().siteCoordinator("S01");
        lymphodeplete(token, "S01-0310", "S01", "CD19", "2026-11-15", "2026-11-17");
        assertThat(post(token, infusion("S01-0310", "S01", "CD19", "2.7")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String path = "/api/infusion/infusions/S01-0310/CD19/corrections";

        ResponseEntity<String> noReason = post(path, token, "{\"siteId\":\"S01\",\"dose10e6CellsPerKg\":2.5}");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(noReason.getBody()).at("/errors/0/field").asText()).isEqualTo("reason");
        ResponseEntity<String> same = post(path, token,
                "{\"siteId\":\"S01\",\"reason\":\"x\",\"dose10e6CellsPerKg\":2.70}");
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(same.getBody()).get("code").asText()).isEqualTo("nothing-changed");
        ResponseEntity<String> outOfRange = post(path, token,
                "{\"siteId\":\"S01\",\"reason\":\"x\",\"dose10e6CellsPerKg\":9}");
        assertThat(outOfRange.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(outOfRange.getBody()).at("/errors/0/field").asText()).isEqualTo("dose10e6CellsPerKg");
        ResponseEntity<String> unknown = post("/api/infusion/infusions/S01-0310/CD22/corrections", token,
                "{\"siteId\":\"S01\",\"reason\":\"x\",\"dose10e6CellsPerKg\":2.5}");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(unknown.getBody()).get("code").asText()).isEqualTo("infusion-not-found");
        assertThat(eventsOf("S01-0310")).isEqualTo(2);

        ResponseEntity<String> corrected = post(path, token,
                "{\"siteId\":\"S01\",\"reason\":\"pharmacy record\",\"dose10e6CellsPerKg\":2.5}");
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(corrected.getBody());
        assertThat(body.at("/infusion/dose10e6CellsPerKg").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(body.at("/corrections/0/oldValue").asText()).isEqualTo("2.7");
        assertThat(body.get("correctedBy").asText()).isEqualTo("coordinator-S01");
        assertThat(eventsOf("S01-0310")).isEqualTo(3);

        String ld = "/api/infusion/lymphodepletions/S01-0310/CD19/2026-11-15/corrections";
        assertThat(post(ld, token, "{\"siteId\":\"S01\",\"weightKg\":24.4}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> noSuchLd = post("/api/infusion/lymphodepletions/S01-0310/CD19/2026-11-14/corrections",
                token, "{\"siteId\":\"S01\",\"reason\":\"x\",\"weightKg\":24.4}");
        assertThat(noSuchLd.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(noSuchLd.getBody()).get("code").asText()).isEqualTo("lymphodepletion-not-found");
        assertThat(eventsOf("S01-0310")).isEqualTo(3);
        ResponseEntity<String> ldCorrected = post(ld, token,
                "{\"siteId\":\"S01\",\"reason\":\"weighed again\",\"weightKg\":24.4}");
        assertThat(ldCorrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(ldCorrected.getBody()).get("corrections").findValuesAsText("field"))
                .contains("weightKg", "bodySurfaceAreaM2");
        assertThat(eventsOf("S01-0310")).isEqualTo(4);
    }

    @Test
    void callers_without_a_valid_token_role_or_site_are_refused() throws Exception {
        String body = infusion("S01-0400", "S01", "CD19", "2.7");

        assertThat(post(null, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().expired("S01"), body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> otherSite = post(ENV.tokens().siteCoordinator("S02"), body);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherSite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(ENV.tokens().analyst(), body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().safetyOfficer(), body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(lymphodeplete(ENV.tokens().analyst(), "S01-0400", "S01", "CD19", "2026-11-15", "2026-11-17")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventsOf("S01-0400")).isZero();

        // a subject enrolled at S02, claimed by S01 staff for their own site: no such subject for them
        enrol("S02", "S02-0401");
        ResponseEntity<String> claimed = lymphodeplete(ENV.tokens().siteCoordinator("S01"), "S02-0401", "S01", "CD19",
                "2026-11-15", "2026-11-17");
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(claimed.getBody()).get("code").asText()).isEqualTo("subject-not-found");
        assertThat(post(ENV.tokens().siteCoordinator("S01"), infusion("S02-0401", "S01", "CD19", "2.7"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventsOf("S02-0401")).isZero();
    }

    // ---- the readiness read model and the CD22 gate ----

    @Test
    void readiness_is_shown_to_own_site_staff_admins_and_safety_officers_only() throws Exception {
        String subject = newSubject("S05");
        enrol("S05", subject);

        for (String token : List.of(ENV.tokens().siteCoordinator("S05"), investigator("S05"), ENV.tokens().admin(),
                ENV.tokens().safetyOfficer())) {
            ResponseEntity<String> response = readiness(token, subject);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode body = json.readTree(response.getBody());
            assertThat(body.get("onStudy").asBoolean()).isTrue();
            assertThat(body.at("/cd22Gate/open").asBoolean()).isFalse();
            assertThat(body.at("/cd22Gate/reasons").findValuesAsText("code")).containsExactly("no-response-assessment");
        }
        ResponseEntity<String> otherSite = readiness(ENV.tokens().siteCoordinator("S06"), subject);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(otherSite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(readiness(ENV.tokens().admin(), newSubject("S05")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(readiness(ENV.tokens().analyst(), subject).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(readLog.trail(subject).orElseThrow().reads()).hasSize(4)
                .allSatisfy(read -> assertThat(read.what()).isEqualTo("infusion readiness"));
    }

    @Test
    void a_record_that_cannot_be_read_is_dead_lettered_and_the_consumer_goes_on() throws Exception {
        kafka.send("trial.safety.events", "x".getBytes(), "{not json".getBytes(), Map.of("ce_id", "poison-safety-1",
                "ce_type", EventCatalogue.typeOf(org.cartrial.api.safety.AdverseEventReported.class)));
        String subject = newSubject("S07");
        enrol("S07", subject);

        var dead = kafka.awaitRecord("error.trial.safety.events.infusion-service",
                r -> "poison-safety-1".equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(dead.get(dead.size() - 1), "x-exception-message")).contains("cannot read");
        String later = publish(adverseEventReported(subject, "S07", "ae-1", "Anemia", 3, LocalDate.of(2026, 11, 20),
                Instant.parse("2026-11-20T10:00:00Z")));
        await().atMost(CONSUMED).until(() -> applied(subject).contains(later));
    }

    /** Enrolled, lymphodepleted and infused with CD19 on 2026-11-10, lymphodepleted for CD22 by 2026-11-20. */
    private String subjectReadyForCd22(String site) throws Exception {
        String subject = newSubject(site);
        enrol(site, subject);
        String token = ENV.tokens().siteCoordinator(site);
        assertThat(lymphodeplete(token, subject, site, "CD19", "2026-11-05", "2026-11-07").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post(token, infusion(subject, site, "CD19", "2026-11-10T10:00:00Z", "2.7", null)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(lymphodeplete(token, subject, site, "CD22", "2026-11-18", "2026-11-20").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return subject;
    }

    @Test
    void cd22_is_refused_while_the_latest_assessment_is_mrd_positive_and_given_once_an_mrd_negative_cr_arrives()
            throws Exception {
        String subject = subjectReadyForCd22("S03");
        String token = ENV.tokens().siteCoordinator("S03");
        String cd22 = infusion(subject, "S03", "CD22", "2026-11-24T09:00:00Z", "2.2", null);
        long duplicatesBefore = projection.duplicatesSuppressed();

        String positive = UUID.randomUUID().toString();
        var mrdPositive = assessed(subject, "S03", "day-28", LocalDate.of(2026, 11, 21),
                Instant.parse("2026-11-21T12:00:00Z"), ResponseCategory.CR, false);
        publish(positive, mrdPositive);
        publish(positive, mrdPositive); // delivered again
        await().atMost(CONSUMED).until(() -> applied(subject).contains(positive));

        ResponseEntity<String> refused = post(token, cd22);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(problem.get("code").asText()).isEqualTo("cd22-gate-closed");
        assertThat(problem.get("errors").findValuesAsText("rule")).containsExactly("mrd-not-negative");
        assertThat(problem.at("/cd22Gate/latestAssessment/assessmentId").asText()).isEqualTo("day-28");
        assertThat(problem.at("/cd22Gate/readAt/lastEventId").asText()).isEqualTo(positive);
        assertThat(eventsOf(subject)).isEqualTo(3); // two lymphodepletions and CD19

        String negative = UUID.randomUUID().toString();
        var mrdNegative = assessed(subject, "S03", "day-32", LocalDate.of(2026, 11, 23),
                Instant.parse("2026-11-23T12:00:00Z"), ResponseCategory.CR, true);
        publish(negative, mrdNegative);
        publish(negative, mrdNegative); // delivered again
        await().atMost(CONSUMED).until(() -> readinessOk(subject).at("/cd22Gate/open").asBoolean());
        await().atMost(CONSUMED).until(() -> projection.duplicatesSuppressed() >= duplicatesBefore + 2);
        assertThat(Collections.frequency(applied(subject), positive)).isEqualTo(1);
        assertThat(Collections.frequency(applied(subject), negative)).isEqualTo(1);
        assertThat(readinessOk(subject).get("assessments")).hasSize(2);

        ResponseEntity<String> given = post(token, cd22);

        assertThat(given.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode evidence = json.readTree(given.getBody()).get("cd22GateEvidence");
        assertThat(evidence.get("gateOpen").asBoolean()).isTrue();
        assertThat(evidence.at("/latestAssessment/assessmentId").asText()).isEqualTo("day-32");
        assertThat(evidence.at("/latestAssessment/assessedOn").asText()).isEqualTo("2026-11-23");
        assertThat(evidence.at("/latestAssessment/derivedResponse").asText()).isEqualTo("CR");
        assertThat(evidence.at("/latestAssessment/mrdNegative").asBoolean()).isTrue();
        assertThat(evidence.at("/readAt/lastEventId").asText()).isEqualTo(negative);
        assertThat(evidence.at("/readAt/recordedAt").asText()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(evidence.has("override")).isFalse();
        // the course, rebuilt from its events (the gate evidence read back from the store), knows CD22 was given
        assertThat(post(token, cd22).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = 'org.cartrial.api.infusion.CarTInfused' "
                + "AND sequencenumber = 3", String.class, subject);
        assertThat(json.readTree(stored).at("/cd22GateEvidence/latestAssessment/assessmentId").asText())
                .isEqualTo("day-32");
        List<ConsumerRecord<byte[], byte[]>> published = kafka.awaitRecord("trial.infusion.events",
                r -> subject.equals(KafkaProbe.header(r, "ce_subject")) && new String(r.value()).contains("CD22")
                        && new String(r.value()).contains("cd22GateEvidence"), Duration.ofSeconds(30));
        assertThat(json.readTree(published.get(published.size() - 1).value())
                .at("/cd22GateEvidence/readAt/lastEventId").asText()).isEqualTo(negative);
    }

    @Test
    void an_investigator_overrides_a_closed_gate_with_a_reason_that_is_recorded_and_a_coordinator_cannot()
            throws Exception {
        String subject = subjectReadyForCd22("S04");
        publish(assessed(subject, "S04", "day-28", LocalDate.of(2026, 11, 21), Instant.parse("2026-11-21T12:00:00Z"),
                ResponseCategory.CRI, true));
        String colitis = publish(adverseEventReported(subject, "S04", "ae-colitis", "Colitis", 3,
                LocalDate.of(2026, 11, 22), Instant.parse("2026-11-22T09:00:00Z")));
        publish(adverseEventReported(subject, "S04", "ae-neutropenia", "Neutrophil count decreased", 4,
                LocalDate.of(2026, 11, 22), Instant.parse("2026-11-22T09:30:00Z")));
        await().atMost(CONSUMED).until(() -> readinessOk(subject).at("/adverseEvents").size() == 2);
        JsonNode gate = readinessOk(subject).get("cd22Gate");
        assertThat(gate.get("open").asBoolean()).isFalse();
        assertThat(gate.get("reasons").findValuesAsText("code")).containsExactly("open-non-haematological-adverse-event");
        assertThat(applied(subject)).contains(colitis);

        ResponseEntity<String> byCoordinator = post(ENV.tokens().siteCoordinator("S04"),
                infusion(subject, "S04", "CD22", "2026-11-24T09:00:00Z", "2.2", "colitis settling"));
        assertThat(byCoordinator.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(byCoordinator.getBody()).get("code").asText()).isEqualTo("override-not-permitted");

        ResponseEntity<String> byInvestigator = post(investigator("S04"),
                infusion(subject, "S04", "CD22", "2026-11-24T09:00:00Z", "2.2", "colitis settling on steroids"));

        assertThat(byInvestigator.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode evidence = json.readTree(byInvestigator.getBody()).get("cd22GateEvidence");
        assertThat(evidence.get("gateOpen").asBoolean()).isFalse();
        assertThat(evidence.get("closedBecause").get(0).asText()).isEqualTo("open-non-haematological-adverse-event");
        assertThat(evidence.get("openAdverseEvents").findValuesAsText("adverseEventId"))
                .containsExactlyInAnyOrder("ae-colitis", "ae-neutropenia");
        assertThat(evidence.at("/override/reason").asText()).isEqualTo("colitis settling on steroids");
        assertThat(evidence.at("/override/approvedBy").asText()).isEqualTo("investigator-S04");
        assertThat(evidence.at("/override/approverRole").asText()).isEqualTo("investigator");
    }

    @org.junit.jupiter.api.Test
    void the_openapi_document_is_public_and_docs_openapi_holds_it() {
        var served = http.getForEntity("/api/infusion/v3/api-docs", String.class);

        org.assertj.core.api.Assertions.assertThat(served.getStatusCode().value()).as(served.getBody()).isEqualTo(200);
        org.cartrial.testsupport.OpenApiDocument.assertUpToDate("infusion-service", served.getBody());
    }

}
