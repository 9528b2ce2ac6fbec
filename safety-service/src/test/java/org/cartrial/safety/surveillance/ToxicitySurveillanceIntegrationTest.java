package org.cartrial.safety.surveillance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.safety.SafetyServiceOnRealParts;
import org.cartrial.testsupport.KafkaProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
 * The end of a CRS/ICANS surveillance through the API on the real parts: stored with its caller, published to the
 * safety topic, recorded once per subject and syndrome (an identical retry under its Idempotency-Key replays the
 * answer), refused with problem+json naming the field or the rule otherwise.
 */
class ToxicitySurveillanceIntegrationTest extends SafetyServiceOnRealParts {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private ResponseEntity<String> post(String token, String subjectId, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/api/safety/subjects/" + subjectId + "/toxicity-surveillance", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private static String surveillance(String site, String syndrome, LocalDate from, LocalDate to, boolean observed) {
        return """
                {"siteId":"%s","syndrome":"%s","observedFrom":"%s","observedTo":"%s","observed":%s}"""
                .formatted(site, syndrome, from, to, observed);
    }

    private int eventsAbout(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%\"subjectId\":\"" + subjectId + "\"%");
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    @Test
    void a_completed_surveillance_is_stored_once_per_syndrome_and_published_as_a_cloud_event() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        LocalDate from = TODAY.minusDays(30);
        LocalDate to = TODAY.minusDays(2);
        String crs = surveillance("S01", "CRS", from, to, false);

        ResponseEntity<String> first = post(token, "S01-0700", crs, "S01-0700-crs-surveillance");
        ResponseEntity<String> retry = post(token, "S01-0700", crs, "S01-0700-crs-surveillance");
        ResponseEntity<String> second = post(token, "S01-0700", surveillance("S01", "CRS", from, TODAY, false), null);
        ResponseEntity<String> icans = post(token, "S01-0700", surveillance("S01", "ICANS", from, to, false), null);

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode answer = body(first);
        assertThat(answer.get("syndrome").asText()).isEqualTo("CRS");
        assertThat(answer.get("observedFrom").asText()).isEqualTo(from.toString());
        assertThat(answer.get("observedTo").asText()).isEqualTo(to.toString());
        assertThat(answer.get("syndromeObserved").asBoolean()).isFalse();
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(second).get("code").asText()).isEqualTo("surveillance-already-completed");
        assertThat(icans.getStatusCode()).as(icans.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventsAbout("S01-0700")).isEqualTo(2);

        Map<String, Object> stored = jdbc.queryForMap("SELECT eventidentifier, payloadtype, metadata FROM"
                + " domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0", "S01-0700:crs");
        String eventId = (String) stored.get("eventidentifier");
        assertThat(stored.get("payloadtype")).isEqualTo("org.cartrial.api.safety.ToxicitySurveillanceCompleted");
        assertThat(new String((byte[]) stored.get("metadata"))).contains("\"actorUser\":\"coordinator-S01\"");

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key())).isEqualTo("S01-0700");
        assertThat(KafkaProbe.header(record, "ce_type"))
                .isEqualTo("org.cartrial.safety.ToxicitySurveillanceCompleted.v1");
        JsonNode published = json.readTree(record.value());
        assertThat(published.get("syndrome").asText()).isEqualTo("CRS");
        assertThat(published.get("occurredOn").asText()).isEqualTo(to.toString());
        assertThat(published.get("syndromeObserved").asBoolean()).isFalse();
    }

    @Test
    void bad_input_wrong_callers_and_broken_rules_are_refused_and_store_nothing() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        LocalDate from = TODAY.minusDays(30);
        LocalDate to = TODAY.minusDays(2);

        ResponseEntity<String> future = post(token, "S01-0701", surveillance("S01", "CRS", from, TODAY.plusDays(1),
                false), null);
        ResponseEntity<String> unknownSyndrome = post(token, "S01-0702", surveillance("S01", "HLH", from, to, false),
                null);
        ResponseEntity<String> missing = post(token, "S01-0703", "{\"siteId\":\"S01\",\"syndrome\":\"CRS\"}", null);
        ResponseEntity<String> badSubject = post(token, "S01_0704", surveillance("S01", "CRS", from, to, false), null);
        for (ResponseEntity<String> response : List.of(future, unknownSyndrome, missing, badSubject)) {
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(body(future).get("errors").findValuesAsText("field")).contains("observedTo");
        assertThat(body(future).get("errors").findValuesAsText("rule")).contains("PastOrPresent");
        assertThat(body(unknownSyndrome).get("errors").findValuesAsText("field")).contains("syndrome");
        assertThat(body(missing).get("errors").findValuesAsText("field"))
                .contains("observedFrom", "observedTo", "observed");
        assertThat(body(badSubject).get("errors").findValuesAsText("field")).contains("subjectId");

        ResponseEntity<String> reversed = post(token, "S01-0705", surveillance("S01", "CRS", to, from, false), null);
        ResponseEntity<String> observed = post(token, "S01-0706", surveillance("S01", "ICANS", from, to, true), null);
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(reversed).get("code").asText()).isEqualTo("observation-period-reversed");
        assertThat(observed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(observed).get("code").asText()).isEqualTo("syndrome-observed");

        String body = surveillance("S01", "CRS", from, to, false);
        assertThat(post(null, "S01-0707", body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().siteCoordinator("S02"), "S01-0707", body, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().analyst(), "S01-0707", body, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        for (String subject : List.of("S01-0701", "S01-0702", "S01-0703", "S01_0704", "S01-0705", "S01-0706",
                "S01-0707")) {
            assertThat(eventsAbout(subject)).isZero();
        }
    }
}
