package org.cartrial.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.safety.SafetySignalRaised;
import org.cartrial.safety.enrolledsubject.query.EnrolledSubjectsProjection;
import org.cartrial.safety.infusedsubject.query.InfusedSubjectsProjection;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.testsupport.KafkaProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The safety service on its real parts: event store on PostgreSQL, the forwarder to an in-process Kafka broker
 * (KRaft), the infusion topic consumed into the MongoDB wire server; requests with real RS256 tokens. Serious adverse
 * events start reporting clocks (seconds long in these tests), whose events are left out where adverse-event
 * events are counted.
 */
class SafetyServiceIntegrationTest extends SafetyServiceOnRealParts {

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

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private ResponseEntity<String> post(String token, String body) {
        return post(token, "/api/safety/adverse-events", body);
    }

    private ResponseEntity<String> post(String token, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** A typed (CTCAE v5) report, serious by hospitalisation. */
    private static String report(String subjectId, String site, String grade, String relationship) {
        return """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Febrile neutropenia","onsetDate":"2026-11-21",
                 "grade":%s,"serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"%s",
                 "expected":true}"""
                .formatted(subjectId, site, grade, relationship);
    }

    /** A CRS report graded from its findings: fever, the vasopressors and the oxygen given. */
    private static String crsReport(String subjectId, String site, String vasopressors, String oxygen) {
        return """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Cytokine release syndrome","onsetDate":"2026-11-21",
                 "crs":{"maxTemperatureCelsius":39.2,"feverMaskingTreatmentGiven":false,"hypotension":%s,
                        "vasopressors":[%s],%s},
                 "serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"definite",
                 "expected":true}"""
                .formatted(subjectId, site, !vasopressors.isEmpty(), vasopressors, oxygen);
    }

    /** An ICANS report graded from its findings. */
    private static String icansReport(String subjectId, String site, String icans) {
        return """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"ICANS","onsetDate":"2026-11-22","icans":%s,
                 "serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"probable",
                 "expected":true}"""
                .formatted(subjectId, site, icans);
    }

    private String reportedId(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(response.getBody()).get("adverseEventId").asText();
    }

    private List<String> fieldsOf(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody()).get("errors").findValuesAsText("field");
    }

    private static String withId(String adverseEventId, String body) {
        return body.replaceFirst("\\{", "{\"adverseEventId\":\"" + adverseEventId + "\",");
    }

    /** Adverse-event events about a subject, whatever aggregate (adverse event id) recorded them. */
    private int eventsAbout(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?"
                + " AND payloadtype NOT LIKE '%SafetyDeadline%'", Integer.class,
                "%\"subjectId\":\"" + subjectId + "\"%");
    }

    @Test
    void an_adverse_event_is_stored_with_its_caller_and_published_to_kafka_as_a_cloud_event() throws Exception {
        ResponseEntity<String> response = post(ENV.tokens().siteCoordinator("S01"),
                report("S01-0001", "S01", "3", "probable"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        String adverseEventId = body.get("adverseEventId").asText();
        assertThat(UUID.fromString(adverseEventId).toString()).isEqualTo(adverseEventId);
        assertThat(response.getHeaders().getLocation()).hasPath("/api/safety/adverse-events/" + adverseEventId);
        assertThat(body.get("grade").asInt()).isEqualTo(3);
        assertThat(body.get("protocolVersion").asText()).isEqualTo("1.0");

        Map<String, Object> stored = jdbc.queryForMap(
                "SELECT eventidentifier, payloadtype, metadata FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND sequencenumber = 0", adverseEventId);
        String eventId = (String) stored.get("eventidentifier");
        assertThat(stored.get("payloadtype")).isEqualTo("org.cartrial.api.safety.AdverseEventReported");
        assertThat(new String((byte[]) stored.get("metadata"))).contains("\"actorUser\":\"coordinator-S01\"")
                .contains("site-coordinator");

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key())).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("org.cartrial.safety.AdverseEventReported.v1");
        assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/cartrial/safety-service");
        assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, "ce_time")).isNotBlank();
        JsonNode published = json.readTree(record.value());
        assertThat(published.get("adverseEventId").asText()).isEqualTo(adverseEventId);
        assertThat(published.get("grade").asInt()).isEqualTo(3);
        assertThat(published.get("relationshipToCarT").asText()).isEqualTo("probable");
        assertThat(published.get("occurredOn").asText()).isEqualTo("2026-11-21");

        // reading the adverse event is a subject-level read: it is in the subject's read log (it was not, before)
        assertThat(get(ENV.tokens().siteCoordinator("S01"), "/api/safety/adverse-events/" + adverseEventId)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readLogOf("S01-0001")).contains("coordinator-S01 adverse event " + adverseEventId);
    }

    /** The subject's read log as "user what" lines. */
    private List<String> readLogOf(String subjectId) {
        Document log = mongo.findById(subjectId, Document.class, SubjectReadLog.COLLECTION);
        return log == null ? List.of() : log.getList("reads", Document.class).stream()
                .map(r -> r.getString("user") + " " + r.getString("what")).toList();
    }

    @Test
    void a_client_supplied_id_is_kept_and_a_second_report_under_it_is_a_conflict() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        String id = UUID.randomUUID().toString();

        ResponseEntity<String> first = post(token, withId(id, report("S01-0050", "S01", "2", "possible")));
        ResponseEntity<String> second = post(token, withId(id, report("S01-0050", "S01", "4", "possible")));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(first.getBody()).get("adverseEventId").asText()).isEqualTo(id);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(second.getBody()).get("code").asText()).isEqualTo("already-reported");
        assertThat(eventsAbout("S01-0050")).isEqualTo(1);
    }

    @Test
    void bad_input_gets_a_problem_naming_the_field_and_stores_nothing() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> malformed = post(token, "{\"subjectId\": \"S01-0100\", ");
        ResponseEntity<String> missing = post(token, report("S01-0101", "S01", "3", "possible")
                .replace("\"grade\":3,", ""));
        ResponseEntity<String> gradeSix = post(token, report("S01-0102", "S01", "6", "possible"));
        ResponseEntity<String> unknownRelationship = post(token, report("S01-0103", "S01", "3", "maybe"));
        ResponseEntity<String> wrongType = post(token, report("S01-0104", "S01", "\"severe\"", "possible"));
        ResponseEntity<String> badId = post(token, withId("not-a-uuid", report("S01-0105", "S01", "3", "possible")));

        for (ResponseEntity<String> response : List.of(malformed, missing, gradeSix, unknownRelationship, wrongType,
                badId)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            // the README promises a code on every refusal: an invalid request had none before
            assertThat(json.readTree(response.getBody()).path("code").asText()).as(response.getBody())
                    .isEqualTo("invalid-request");
        }
        assertThat(json.readTree(missing.getBody()).get("errors").findValuesAsText("field")).contains("grade");
        assertThat(json.readTree(gradeSix.getBody()).get("errors").findValuesAsText("field")).contains("grade");
        assertThat(json.readTree(gradeSix.getBody()).get("errors").findValuesAsText("rule")).contains("Max");
        assertThat(json.readTree(unknownRelationship.getBody()).get("errors").findValuesAsText("field"))
                .contains("relationshipToCarT");
        assertThat(json.readTree(wrongType.getBody()).get("errors").findValuesAsText("field")).contains("grade");
        assertThat(json.readTree(badId.getBody()).get("errors").findValuesAsText("field")).contains("adverseEventId");
        for (String subject : List.of("S01-0100", "S01-0101", "S01-0102", "S01-0103", "S01-0104", "S01-0105")) {
            assertThat(eventsAbout(subject)).isZero();
        }
    }

    @Test
    void callers_without_a_valid_token_role_or_site_are_refused() throws Exception {
        String body = report("S01-0400", "S01", "2", "unrelated");

        ResponseEntity<String> noToken = post(null, body);
        assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(json.readTree(noToken.getBody()).path("code").asText()).isEqualTo("unauthorized");
        assertThat(post(ENV.tokens().expired("S01"), body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> otherSite = post(ENV.tokens().siteCoordinator("S02"), body);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherSite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(otherSite.getBody()).path("code").asText()).isNotBlank();
        ResponseEntity<String> analyst = post(ENV.tokens().analyst(), body);
        assertThat(analyst.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json.readTree(analyst.getBody()).path("code").asText()).isEqualTo("forbidden");
        assertThat(eventsAbout("S01-0400")).isZero();
    }

    @Test
    void a_cd19_infusion_read_from_the_infusion_topic_sets_day_0_once_however_often_it_is_delivered()
            throws Exception {
        String subjectId = "S03-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        Instant infusedAt = Instant.parse("2026-11-10T08:15:00Z");
        CarTInfused infused = new CarTInfused(subjectId, "S03", LocalDate.ofInstant(infusedAt, ZoneOffset.UTC),
                Instant.now(), CarTProduct.CD19, infusedAt, new BigDecimal("2.7"), new BigDecimal("24.5"), "LOT-1",
                "1.0");
        Map<String, String> headers = Map.of("ce_id", eventId, "ce_specversion", "1.0",
                "ce_source", "/cartrial/infusion-service", "ce_type", EventCatalogue.typeOf(CarTInfused.class),
                "ce_subject", subjectId, "ce_time", Instant.now().toString());
        assertThat(headers.get("ce_type")).isEqualTo("org.cartrial.infusion.CarTInfused.v1");
        long duplicatesBefore = projection.duplicatesSuppressed();

        byte[] key = subjectId.getBytes(StandardCharsets.UTF_8);
        kafka.send("trial.infusion.events", key, json.writeValueAsBytes(infused), headers);
        kafka.send("trial.infusion.events", key, json.writeValueAsBytes(infused), headers); // delivered again

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(mongo.findById(subjectId, Document.class, InfusedSubjectsProjection.COLLECTION)).isNotNull();
            assertThat(projection.duplicatesSuppressed()).isGreaterThan(duplicatesBefore);
        });
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(subjectId)), InfusedSubjectsProjection.COLLECTION))
                .isEqualTo(1);
        Document document = mongo.findById(subjectId, Document.class, InfusedSubjectsProjection.COLLECTION);
        assertThat(document.getList(IdempotentProjection.APPLIED_EVENTS, String.class)).containsExactly(eventId);

        ResponseEntity<String> answer = get(ENV.tokens().safetyOfficer(), "/api/safety/infused-subjects/" + subjectId);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.get("subjectId").asText()).isEqualTo(subjectId);
        assertThat(body.get("siteId").asText()).isEqualTo("S03");
        assertThat(body.get("day0").asText()).isEqualTo("2026-11-10");
        assertThat(body.get("cd19InfusedAt").asText()).isEqualTo("2026-11-10T08:15:00Z");
        assertThat(get(ENV.tokens().admin(), "/api/safety/infused-subjects/" + subjectId).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(readLogOf(subjectId)).filteredOn(line -> line.endsWith(" infused subject")).hasSize(2);
        assertThat(get(ENV.tokens().siteCoordinator("S03"), "/api/safety/infused-subjects/" + subjectId)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_subject_without_a_cd19_infusion_is_a_404_problem() throws Exception {
        ResponseEntity<String> answer = get(ENV.tokens().safetyOfficer(), "/api/safety/infused-subjects/S03-none");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(answer.getBody()).get("code").asText()).isEqualTo("subject-not-infused");
    }

    @Test
    void an_adverse_event_before_the_first_infusion_is_checked_against_the_site_that_enrolled_the_subject()
            throws Exception {
        String subjectId = "S05-E" + UUID.randomUUID().toString().substring(0, 8);
        PatientEnrolled enrolled = new PatientEnrolled(subjectId, "S05", LocalDate.of(2026, 11, 2), Instant.now(),
                "1.0");
        Map<String, String> headers = Map.of("ce_id", UUID.randomUUID().toString(), "ce_specversion", "1.0",
                "ce_source", "/cartrial/enrollment-service", "ce_type", EventCatalogue.typeOf(PatientEnrolled.class),
                "ce_subject", subjectId, "ce_time", Instant.now().toString());
        byte[] key = subjectId.getBytes(StandardCharsets.UTF_8);
        kafka.send("trial.enrollment.events", key, json.writeValueAsBytes(enrolled), headers);
        kafka.send("trial.enrollment.events", key, json.writeValueAsBytes(enrolled), headers); // delivered again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(mongo.findById(subjectId, Document.class, EnrolledSubjectsProjection.COLLECTION))
                        .isNotNull().containsEntry("siteId", "S05"));

        // another site naming itself in the body: the same answer as for a subject it does not know
        ResponseEntity<String> otherSite = post(ENV.tokens().siteCoordinator("S02"),
                report(subjectId, "S02", "3", "probable"));
        assertThat(otherSite.getStatusCode()).as(otherSite.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(otherSite.getBody()).get("code").asText()).isEqualTo("subject-not-found");
        assertThat(eventsAbout(subjectId)).isZero();

        reportedId(post(ENV.tokens().siteCoordinator("S05"), report(subjectId, "S05", "3", "probable")));
        assertThat(mongo.findById(subjectId, Document.class, EnrolledSubjectsProjection.COLLECTION)
                .getList(IdempotentProjection.APPLIED_EVENTS, String.class)).as("applied once")
                .containsExactly(headers.get("ce_id"));
    }

    @Test
    void an_encoded_slash_sent_straight_to_the_service_is_a_400_problem() throws Exception {
        // sent as raw bytes: java.net.http keeps %2F as it is, where TestRestTemplate would re-encode it
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri()
                                + "/api/safety/subjects/S01-0001%2F..%2Fx/adverse-events"))
                        .header("Authorization", "Bearer " + ENV.tokens().siteCoordinator("S01")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("code").asText()).isEqualTo("request-rejected");
    }

    private void infuse(String subjectId, String siteId) throws Exception {
        Instant infusedAt = Instant.parse("2026-11-14T09:00:00Z");
        CarTInfused infused = new CarTInfused(subjectId, siteId, LocalDate.of(2026, 11, 14), Instant.now(),
                CarTProduct.CD19, infusedAt, new BigDecimal("1.0"), new BigDecimal("30.0"), "LOT-2", "1.0");
        kafka.send("trial.infusion.events", subjectId.getBytes(StandardCharsets.UTF_8),
                json.writeValueAsBytes(infused),
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_specversion", "1.0",
                        "ce_source", "/cartrial/infusion-service", "ce_type", EventCatalogue.typeOf(CarTInfused.class),
                        "ce_subject", subjectId, "ce_time", Instant.now().toString()));
    }

    private JsonNode monitoringStatus() throws Exception {
        ResponseEntity<String> answer = get(ENV.tokens().safetyOfficer(), "/api/safety/monitoring-rule");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    private String storedPayload(String adverseEventId, String payloadType) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype = ?", String.class, adverseEventId,
                "org.cartrial.api.safety." + payloadType);
    }

    @Test
    void crs_is_graded_from_its_findings_and_stored_and_published_with_them() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> lowFlow = post(token, crsReport("S01-0200", "S01", "",
                "\"oxygenDevice\":\"NASAL_CANNULA\",\"oxygenFlowLitresPerMinute\":6"));
        ResponseEntity<String> highFlow = post(token, crsReport("S01-0201", "S01", "",
                "\"oxygenDevice\":\"NASAL_CANNULA\",\"oxygenFlowLitresPerMinute\":7"));
        ResponseEntity<String> onePressor = post(token, crsReport("S01-0202", "S01",
                "\"NOREPINEPHRINE\",\"VASOPRESSIN\"", "\"oxygenDevice\":\"NONE\""));
        ResponseEntity<String> twoPressors = post(token, crsReport("S01-0203", "S01",
                "\"NOREPINEPHRINE\",\"EPINEPHRINE\"", "\"oxygenDevice\":\"NONE\""));

        String highFlowId = reportedId(highFlow);
        assertThat(json.readTree(lowFlow.getBody()).get("grade").asInt()).isEqualTo(2);
        assertThat(json.readTree(highFlow.getBody()).get("grade").asInt()).isEqualTo(3);
        assertThat(json.readTree(onePressor.getBody()).get("grade").asInt()).isEqualTo(3);
        assertThat(json.readTree(twoPressors.getBody()).get("grade").asInt()).isEqualTo(4);
        JsonNode body = json.readTree(highFlow.getBody());
        assertThat(body.get("gradingScale").asText()).isEqualTo("ASTCT_2019_CRS");
        assertThat(body.get("crs").get("oxygenFlowLitresPerMinute").decimalValue()).isEqualByComparingTo("7");

        JsonNode stored = json.readTree(storedPayload(highFlowId, "AdverseEventReported"));
        assertThat(stored.get("grade").asInt()).isEqualTo(3);
        assertThat(stored.get("crs").get("oxygenDevice").asText()).isEqualTo("NASAL_CANNULA");
        assertThat(stored.get("crs").get("maxTemperatureCelsius").decimalValue()).isEqualByComparingTo("39.2");
        String eventId = jdbc.queryForObject(
                "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                String.class, highFlowId);
        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        JsonNode published = json.readTree(records.get(records.size() - 1).value());
        assertThat(published.get("grade").asInt()).isEqualTo(3);
        assertThat(published.get("crs").get("oxygenFlowLitresPerMinute").decimalValue()).isEqualByComparingTo("7");
    }

    @Test
    void icans_is_graded_on_the_screen_for_the_age() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        String components = "\"consciousness\":\"NONE\",\"seizure\":\"NONE\",\"motorFinding\":\"NONE\","
                + "\"intracranialPressure\":\"NONE\"";

        ResponseEntity<String> capd9 = post(token, icansReport("S01-0210", "S01",
                "{\"ageYears\":12,\"capdScore\":9," + components + "}"));
        ResponseEntity<String> ice9 = post(token, icansReport("S01-0211", "S01",
                "{\"ageYears\":13,\"iceScore\":9," + components + "}"));
        ResponseEntity<String> iceAt12 = post(token, icansReport("S01-0212", "S01",
                "{\"ageYears\":12,\"iceScore\":9," + components + "}"));

        assertThat(json.readTree(capd9.getBody()).get("grade").asInt()).isEqualTo(3);
        assertThat(json.readTree(capd9.getBody()).get("ctcaeTerm").asText())
                .isEqualTo("Immune effector cell-associated neurotoxicity syndrome");
        assertThat(json.readTree(ice9.getBody()).get("grade").asInt()).isEqualTo(1);
        assertThat(iceAt12.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(iceAt12.getBody()).get("code").asText()).isEqualTo("wrong-encephalopathy-screen");
        assertThat(fieldsOf(iceAt12)).containsExactly("icans.iceScore");
        assertThat(eventsAbout("S01-0212")).isZero();
    }

    @Test
    void a_grade_typed_or_findings_missing_for_crs_is_a_bad_request_naming_the_field() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        String good = crsReport("S01-0220", "S01", "", "\"oxygenDevice\":\"NONE\"");

        ResponseEntity<String> typedGrade = post(token, good.replace("\"serious\"", "\"grade\":2,\"serious\""));
        ResponseEntity<String> noFindings = post(token, report("S01-0221", "S01", "2", "definite")
                .replace("Febrile neutropenia", "Cytokine release syndrome").replace("\"grade\":2,", ""));
        ResponseEntity<String> unknownDevice = post(token, good.replace("\"NONE\"", "\"HELMET\"")
                .replace("S01-0220", "S01-0222"));
        ResponseEntity<String> noTemperature = post(token, good.replace("\"maxTemperatureCelsius\":39.2,", "")
                .replace("S01-0220", "S01-0223"));
        ResponseEntity<String> unknownCriterion = post(token, good.replace("HOSPITALISATION", "BORED")
                .replace("S01-0220", "S01-0224"));
        ResponseEntity<String> noFever = post(token, good.replace("39.2", "37.9").replace("S01-0220", "S01-0225"));

        for (ResponseEntity<String> response : List.of(typedGrade, noFindings, unknownDevice, noTemperature,
                unknownCriterion)) {
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(fieldsOf(typedGrade)).containsExactly("grade");
        assertThat(fieldsOf(noFindings)).containsExactly("crs");
        assertThat(fieldsOf(unknownDevice)).containsExactly("crs.oxygenDevice");
        assertThat(fieldsOf(noTemperature)).containsExactly("crs.maxTemperatureCelsius");
        assertThat(fieldsOf(unknownCriterion).get(0)).startsWith("seriousnessCriteria");
        assertThat(noFever.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(noFever.getBody()).get("code").asText()).isEqualTo("not-crs");
        for (String subject : List.of("S01-0220", "S01-0221", "S01-0222", "S01-0223", "S01-0224", "S01-0225")) {
            assertThat(eventsAbout(subject)).isZero();
        }
    }

    @Test
    void follow_up_correction_and_recoding_are_new_events_read_back_with_their_history() throws Exception {
        String coordinator = ENV.tokens().siteCoordinator("S01");
        String officer = ENV.tokens().safetyOfficer();
        String id = reportedId(post(coordinator, report("S01-0300", "S01", "2", "possible")));
        String base = "/api/safety/adverse-events/" + id;

        ResponseEntity<String> updated = post(coordinator, base + "/updates",
                "{\"assessedOn\":\"2026-11-23\",\"grade\":3,\"expected\":false}");
        assertThat(updated.getStatusCode()).as(updated.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode update = json.readTree(updated.getBody());
        assertThat(update.get("grade").asInt()).isEqualTo(3);
        assertThat(update.get("susar").asBoolean()).isTrue();
        assertThat(json.convertValue(update.get("changes"), List.class)).containsExactly("grade", "expected");

        ResponseEntity<String> lowered = post(coordinator, base + "/updates",
                "{\"assessedOn\":\"2026-11-24\",\"grade\":1}");
        assertThat(lowered.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(lowered.getBody()).get("code").asText()).isEqualTo("grade-lowered");
        assertThat(fieldsOf(lowered)).containsExactly("grade");

        ResponseEntity<String> noReason = post(officer, base + "/corrections", "{\"grade\":2}");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fieldsOf(noReason)).containsExactly("reason");

        ResponseEntity<String> corrected = post(officer, base + "/corrections",
                "{\"reason\":\"grade 3 was a transcription error\",\"grade\":2}");
        assertThat(corrected.getStatusCode()).as(corrected.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(corrected.getBody()).get("grade").asInt()).isEqualTo(2);

        ResponseEntity<String> recoded = post(coordinator, base + "/recodings", "{\"reason\":\"coded by the"
                + " medical monitor\",\"ctcaeTerm\":\"Sepsis\",\"meddraCode\":\"10040047\"}");
        assertThat(recoded.getStatusCode()).as(recoded.getBody()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> read = get(coordinator, base);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(read.getBody());
        assertThat(view.get("current").get("ctcaeTerm").asText()).isEqualTo("Sepsis");
        assertThat(view.get("current").get("grade").asInt()).isEqualTo(2);
        assertThat(view.get("current").get("susar").asBoolean()).isTrue();
        assertThat(view.get("history").findValuesAsText("event")).containsExactly("AdverseEventReported",
                "AdverseEventUpdated", "AdverseEventCorrected", "AdverseEventRecoded");
        assertThat(view.get("history").get(0).get("details").get("grade").asInt()).isEqualTo(2);
        assertThat(view.get("history").get(1).get("details").get("grade").asInt()).isEqualTo(3);
        assertThat(view.get("history").get(2).get("recordedBy").asText()).isEqualTo("safety-officer-1");
        assertThat(view.get("history").get(2).get("reason").asText()).isEqualTo("grade 3 was a transcription error");
        assertThat(view.get("history").get(3).get("recordedBy").asText()).isEqualTo("coordinator-S01");

        assertThat(get(officer, base).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(ENV.tokens().admin(), base).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> otherSite = get(ENV.tokens().siteCoordinator("S02"), base);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(otherSite.getBody()).get("code").asText()).isEqualTo("adverse-event-not-found");
        assertThat(get(ENV.tokens().analyst(), base).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().siteCoordinator("S02"), base + "/updates",
                "{\"assessedOn\":\"2026-11-24\",\"grade\":4}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post(officer, base + "/updates", "{\"assessedOn\":\"2026-11-24\",\"grade\":4}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        List<Map<String, Object>> stored = jdbc.queryForList("SELECT payloadtype, metadata FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%.AdverseEvent%' ORDER BY sequencenumber", id);
        assertThat(stored).extracting(row -> row.get("payloadtype")).containsExactly(
                "org.cartrial.api.safety.AdverseEventReported", "org.cartrial.api.safety.AdverseEventUpdated",
                "org.cartrial.api.safety.AdverseEventCorrected", "org.cartrial.api.safety.AdverseEventRecoded");
        assertThat(new String((byte[]) stored.get(2).get("metadata")))
                .contains("\"reason\":\"grade 3 was a transcription error\"");
        String correctedId = jdbc.queryForObject("SELECT eventidentifier FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%.AdverseEventCorrected'", String.class, id);
        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                r -> correctedId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(records.get(records.size() - 1), "ce_type"))
                .isEqualTo("org.cartrial.safety.AdverseEventCorrected.v1");
    }

    @Test
    void an_unknown_or_malformed_adverse_event_id_is_answered_without_recording_anything() throws Exception {
        String coordinator = ENV.tokens().siteCoordinator("S01");
        String update = "{\"assessedOn\":\"2026-11-24\",\"grade\":4}";

        ResponseEntity<String> unknown = post(coordinator,
                "/api/safety/adverse-events/" + UUID.randomUUID() + "/updates", update);
        ResponseEntity<String> malformed = post(coordinator, "/api/safety/adverse-events/not-an-id/updates", update);
        ResponseEntity<String> unknownRead = get(coordinator, "/api/safety/adverse-events/" + UUID.randomUUID());

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(unknown.getBody()).get("code").asText()).isEqualTo("adverse-event-not-found");
        assertThat(unknownRead.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fieldsOf(malformed)).containsExactly("adverseEventId");
    }

    @Test
    void grade_4_crs_in_two_cd19_infused_subjects_raises_the_safety_signal_once() throws Exception {
        JsonNode before = monitoringStatus();
        int infusedBefore = before.get("infusedSubjects").asInt();
        assertThat(before.get("subjectsWithToxicity").asInt()).isZero();
        String first = "S04-A" + UUID.randomUUID().toString().substring(0, 8);
        String second = "S04-B" + UUID.randomUUID().toString().substring(0, 8);
        infuse(first, "S04");
        infuse(second, "S04");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(monitoringStatus().get("infusedSubjects").asInt()).isEqualTo(infusedBefore + 2));

        String coordinator = ENV.tokens().siteCoordinator("S04");
        String twoPressors = "\"NOREPINEPHRINE\",\"EPINEPHRINE\"";
        String roomAir = "\"oxygenDevice\":\"NONE\"";
        assertThat(json.readTree(post(coordinator, crsReport(first, "S04", twoPressors, roomAir)).getBody())
                .get("grade").asInt()).isEqualTo(4);
        assertThat(json.readTree(post(coordinator, crsReport(second, "S04", twoPressors, roomAir)).getBody())
                .get("grade").asInt()).isEqualTo(4);

        String signalType = EventCatalogue.typeOf(SafetySignalRaised.class);
        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                r -> signalType.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(60));
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key())).isEqualTo(second);
        JsonNode signal = json.readTree(record.value());
        assertThat(signal.get("infusedSubjects").asInt()).isEqualTo(infusedBefore + 2);
        assertThat(signal.get("subjectsWithToxicity").asInt()).isEqualTo(2);
        assertThat(signal.get("boundary").asInt()).isEqualTo(2);
        assertThat(signal.get("posteriorProbability").asDouble()).isGreaterThan(0.90);
        assertThat(signal.get("toxicityRateThreshold").asDouble()).isEqualTo(0.20);
        assertThat(json.convertValue(signal.get("subjectsCounted"), List.class)).containsExactly(first, second);
        assertThat(monitoringStatus().get("signalling").asBoolean()).isTrue();

        String icans = reportedId(post(coordinator, icansReport(first, "S04", "{\"ageYears\":8,"
                + "\"unableToPerformScreen\":true,\"consciousness\":\"STUPOR_OR_COMA\",\"seizure\":\"NONE\","
                + "\"motorFinding\":\"NONE\",\"intracranialPressure\":\"NONE\"}")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%AdverseEventClassified'"
                        + " AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%" + icans + "%")).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Integer.class,
                SafetySignalRaised.class.getName())).isEqualTo(1);

        JsonNode status = monitoringStatus();
        assertThat(status.get("subjectsWithToxicity").asInt()).isEqualTo(2);
        JsonNode tenSubjects = status.get("boundaryTable").get(9);
        assertThat(tenSubjects.get("infusedSubjects").asInt()).isEqualTo(10);
        assertThat(tenSubjects.get("signalsFrom").asInt()).isEqualTo(4);
        assertThat(get(coordinator, "/api/safety/monitoring-rule").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @org.junit.jupiter.api.Test
    void the_openapi_document_is_public_and_docs_openapi_holds_it() {
        var served = http.getForEntity("/api/safety/v3/api-docs", String.class);

        org.assertj.core.api.Assertions.assertThat(served.getStatusCode().value()).as(served.getBody()).isEqualTo(200);
        org.cartrial.testsupport.OpenApiDocument.assertUpToDate("safety-service", served.getBody());
    }

}
