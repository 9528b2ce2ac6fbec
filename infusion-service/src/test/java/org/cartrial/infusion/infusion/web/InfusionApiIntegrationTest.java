package org.cartrial.infusion.infusion.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.TrialTestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
 * The infusion service on its real parts: event store on PostgreSQL, the forwarder to an in-process Kafka broker
 * (KRaft), the MongoDB wire server; requests with real RS256 tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,infusion-service")
class InfusionApiIntegrationTest {

    private static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();

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

    private ResponseEntity<String> post(String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange("/api/infusion/infusions", HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    private static String infusion(String subjectId, String site, String product, String dose) {
        return """
                {"subjectId":"%s","siteId":"%s","product":"%s","infusedAt":"2026-11-19T23:30:00Z",
                 "dose10e6CellsPerKg":%s,"weightKg":24.5,"productLot":"LOT-2026-0042"}"""
                .formatted(subjectId, site, product, dose);
    }

    private int eventsOf(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, subjectId);
    }

    @Test
    void an_infusion_is_stored_with_its_caller_and_published_to_kafka_as_a_cloud_event() throws Exception {
        ResponseEntity<String> response = post(ENV.tokens().siteCoordinator("S01"),
                infusion("S01-0001", "S01", "CD19", "2.7"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("product").asText()).isEqualTo("CD19");
        assertThat(body.get("infusedOn").asText()).isEqualTo("2026-11-19");
        assertThat(body.get("protocolVersion").asText()).isEqualTo("1.0");

        Map<String, Object> stored = jdbc.queryForMap(
                "SELECT eventidentifier, payloadtype, metadata FROM domainevententry WHERE aggregateidentifier = 'S01-0001'");
        String eventId = (String) stored.get("eventidentifier");
        assertThat(stored.get("payloadtype")).isEqualTo("org.cartrial.api.infusion.CarTInfused");
        assertThat(new String((byte[]) stored.get("metadata"))).contains("\"actorUser\":\"coordinator-S01\"")
                .contains("site-coordinator");

        List<ConsumerRecord<byte[], byte[]>> records = new KafkaProbe(ENV.kafkaBootstrap()).awaitRecord(
                "trial.infusion.events", r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
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

        for (ResponseEntity<String> response : List.of(malformed, missing, unknownProduct, negativeDose, wrongType)) {
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
        for (String subject : List.of("S01-0100", "S01-0101", "S01-0102", "S01-0103", "S01-0104")) {
            assertThat(eventsOf(subject)).isZero();
        }
    }

    @Test
    void protocol_rules_are_refused_with_a_named_rule_and_store_nothing() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> overdose = post(token, infusion("S01-0200", "S01", "CD19", "5.01"));
        ResponseEntity<String> cd22First = post(token, infusion("S01-0201", "S01", "CD22", "2.2"));

        for (ResponseEntity<String> response : List.of(overdose, cd22First)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        JsonNode overdoseProblem = json.readTree(overdose.getBody());
        assertThat(overdoseProblem.get("code").asText()).isEqualTo("dose-out-of-range");
        assertThat(overdoseProblem.get("errors").findValuesAsText("field")).containsExactly("dose10e6CellsPerKg");
        assertThat(json.readTree(cd22First.getBody()).get("code").asText()).isEqualTo("cd19-not-given");
        assertThat(eventsOf("S01-0200")).isZero();
        assertThat(eventsOf("S01-0201")).isZero();
    }

    @Test
    void a_second_infusion_of_a_product_is_a_conflict() {
        String token = ENV.tokens().siteCoordinator("S01");
        assertThat(post(token, infusion("S01-0300", "S01", "CD19", "2.7")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> again = post(token, infusion("S01-0300", "S01", "CD19", "2.7"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(eventsOf("S01-0300")).isEqualTo(1);
    }

    @Test
    void callers_without_a_valid_token_role_or_site_are_refused() {
        String body = infusion("S01-0400", "S01", "CD19", "2.7");

        assertThat(post(null, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().expired("S01"), body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> otherSite = post(ENV.tokens().siteCoordinator("S02"), body);
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherSite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(ENV.tokens().analyst(), body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().safetyOfficer(), body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventsOf("S01-0400")).isZero();
    }
}
