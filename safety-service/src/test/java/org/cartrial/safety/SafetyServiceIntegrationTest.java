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
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.safety.infusedsubject.query.InfusedSubjectsProjection;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.TrialTestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The safety service on its real parts: event store on PostgreSQL, the forwarder to an in-process Kafka broker
 * (KRaft), the infusion topic consumed into the MongoDB wire server; requests with real RS256 tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,safety-service")
class SafetyServiceIntegrationTest {

    private static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();

    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        ENV.register(registry, "safety-service");
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

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private ResponseEntity<String> post(String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange("/api/safety/adverse-events", HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static String report(String subjectId, String site, String grade, String relationship) {
        return """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Cytokine release syndrome","onsetDate":"2026-11-21",
                 "grade":%s,"serious":true,"relationshipToCarT":"%s","expected":true}"""
                .formatted(subjectId, site, grade, relationship);
    }

    private static String withId(String adverseEventId, String body) {
        return body.replaceFirst("\\{", "{\"adverseEventId\":\"" + adverseEventId + "\",");
    }

    /** Events about a subject, whatever aggregate (adverse event id) recorded them. */
    private int eventsAbout(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%\"subjectId\":\"" + subjectId + "\"%");
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
                "SELECT eventidentifier, payloadtype, metadata FROM domainevententry WHERE aggregateidentifier = ?",
                adverseEventId);
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
    void callers_without_a_valid_token_role_or_site_are_refused() {
        String body = report("S01-0400", "S01", "2", "unrelated");

        assertThat(post(null, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().expired("S01"), body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> otherSite = post(ENV.tokens().siteCoordinator("S02"), body);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherSite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(ENV.tokens().analyst(), body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
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
}
