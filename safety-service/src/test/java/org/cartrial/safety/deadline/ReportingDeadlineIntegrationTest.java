package org.cartrial.safety.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.safety.SafetyServiceOnRealParts;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * The reporting clocks on the real parts, with a 6-second sponsor window (warning 3 s ahead): the miss is raised
 * by the persistent scheduler, published, streamed and listed; a recorded report closes the clock; a schedule
 * written while no scheduler runs is carried out by the next one that starts (what a restart does).
 */
class ReportingDeadlineIntegrationTest extends SafetyServiceOnRealParts {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate ONSET = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadlineWorker worker;

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private ResponseEntity<String> post(String token, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** A serious (hospitalised), expected grade-3 adverse event: the sponsor clock only. */
    private String reportSerious(String subjectId, String site) throws Exception {
        ResponseEntity<String> response = post(ENV.tokens().siteCoordinator(site), "/api/safety/adverse-events", """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Febrile neutropenia","onsetDate":"%s","grade":3,
                 "serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"definite",
                 "expected":true}""".formatted(subjectId, site, ONSET));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(response.getBody()).get("adverseEventId").asText();
    }

    private int storedEvents(String adverseEventId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = ?", Integer.class, adverseEventId, "org.cartrial.api.safety." + type);
    }

    private JsonNode deadline(String adverseEventId, String recipient) throws Exception {
        ResponseEntity<String> answer = get(ENV.tokens().safetyOfficer(), "/api/safety/deadlines");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        for (JsonNode d : json.readTree(answer.getBody()).get("deadlines")) {
            if (d.get("adverseEventId").asText().equals(adverseEventId) && d.get("recipient").asText()
                    .equals(recipient)) {
                return d;
            }
        }
        return null;
    }

    @Test
    void a_serious_adverse_event_not_reported_in_time_raises_the_warning_then_the_miss_on_kafka_and_the_stream()
            throws Exception {
        String subject = "S81-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient stream = SseClient.open("http://127.0.0.1:" + port
                + "/api/safety/stream?site=S81&kinds=deadline", ENV.tokens().safetyOfficer(), null)) {
            stream.nextEvent("ready", WAIT);
            Instant before = Instant.now();
            String id = reportSerious(subject, "S81");

            JsonNode set = json.readTree(stream.nextEvent("deadline", WAIT).data());
            assertThat(set.get("type").asText()).isEqualTo("org.cartrial.safety.SafetyDeadlineSet.v1");
            assertThat(set.get("adverseEventId").asText()).isEqualTo(id);
            Instant dueAt = Instant.parse(set.get("event").get("dueAt").asText());
            Instant awareAt = Instant.parse(set.get("event").get("awareAt").asText());
            assertThat(Duration.between(awareAt, dueAt)).isEqualTo(Duration.ofSeconds(6));
            assertThat(awareAt).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(set.get("event").get("rule").asText()).isEqualTo("SAE_REPORT_TO_SPONSOR");
            JsonNode pending = deadline(id, "SPONSOR");
            assertThat(pending).isNotNull();
            assertThat(pending.get("status").asText()).isIn("PENDING", "APPROACHING");

            JsonNode approaching = json.readTree(stream.nextEvent("deadline", WAIT).data());
            assertThat(approaching.get("type").asText()).isEqualTo("org.cartrial.safety.SafetyDeadlineApproaching.v1");
            JsonNode missed = json.readTree(stream.nextEvent("deadline", WAIT).data());
            assertThat(missed.get("type").asText()).isEqualTo("org.cartrial.safety.SafetyDeadlineMissed.v1");
            assertThat(missed.get("adverseEventId").asText()).isEqualTo(id);
            assertThat(missed.get("grade").asInt()).isEqualTo(3);
            assertThat(Instant.parse(missed.get("event").get("recordedAt").asText())).isAfterOrEqualTo(dueAt);

            String missedType = EventCatalogue.typeOf(SafetyDeadlineMissed.class);
            List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                    r -> missedType.equals(KafkaProbe.header(r, "ce_type"))
                            && subject.equals(KafkaProbe.header(r, "ce_subject")), WAIT);
            assertThat(new String(records.get(records.size() - 1).key())).isEqualTo(subject);
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadline(id, "SPONSOR").get("status").asText())
                    .isEqualTo("MISSED"));
            assertThat(storedEvents(id, "SafetyDeadlineMissed")).isEqualTo(1);

            ResponseEntity<String> late = post(ENV.tokens().siteCoordinator("S81"),
                    "/api/safety/adverse-events/" + id + "/reports",
                    "{\"recipient\":\"SPONSOR\",\"sentAt\":\"" + Instant.now() + "\"}");
            assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(HttpStatus.CREATED);
            assertThat(json.readTree(late.getBody()).get("onTime").asBoolean()).isFalse();
            JsonNode met = json.readTree(stream.nextEvent("deadline", WAIT).data());
            assertThat(met.get("type").asText()).isEqualTo("org.cartrial.safety.SafetyDeadlineMet.v1");
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadline(id, "SPONSOR")).isNull());
        }
    }

    @Test
    void a_report_recorded_in_time_closes_the_clock_and_nothing_is_missed() throws Exception {
        String id = reportSerious("S83-" + UUID.randomUUID().toString().substring(0, 8), "S83");
        String reports = "/api/safety/adverse-events/" + id + "/reports";

        ResponseEntity<String> sent = post(ENV.tokens().siteCoordinator("S83"), reports,
                "{\"recipient\":\"SPONSOR\",\"sentAt\":\"" + Instant.now().minusSeconds(1) + "\"}");
        assertThat(sent.getStatusCode()).as(sent.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(sent.getBody());
        assertThat(body.get("onTime").asBoolean()).isTrue();
        assertThat(body.get("rule").asText()).isEqualTo("SAE_REPORT_TO_SPONSOR");

        ResponseEntity<String> again = post(ENV.tokens().safetyOfficer(), reports,
                "{\"recipient\":\"SPONSOR\",\"sentAt\":\"" + Instant.now() + "\"}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(again.getBody()).get("code").asText()).isEqualTo("report-already-recorded");
        ResponseEntity<String> noSusar = post(ENV.tokens().safetyOfficer(), reports,
                "{\"recipient\":\"REGULATOR\",\"sentAt\":\"" + Instant.now() + "\"}");
        assertThat(noSusar.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(noSusar.getBody()).get("code").asText()).isEqualTo("no-report-due");
        assertThat(post(ENV.tokens().siteCoordinator("S83"), reports,
                "{\"recipient\":\"REGULATOR\",\"sentAt\":\"" + Instant.now() + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().siteCoordinator("S84"), reports,
                "{\"recipient\":\"SPONSOR\",\"sentAt\":\"" + Instant.now() + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> badRecipient = post(ENV.tokens().siteCoordinator("S83"), reports,
                "{\"recipient\":\"PRESS\",\"sentAt\":\"" + Instant.now() + "\"}");
        assertThat(badRecipient.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        Thread.sleep(Duration.ofSeconds(8).toMillis()); // past the 6-second deadline
        assertThat(storedEvents(id, "SafetyDeadlineMissed")).isZero();
        assertThat(storedEvents(id, "SafetyDeadlineApproaching")).isZero();
        assertThat(deadline(id, "SPONSOR")).isNull();
    }

    @Test
    void a_deadline_scheduled_while_no_scheduler_runs_is_kept_in_the_database_and_raised_after_the_restart()
            throws Exception {
        worker.stop();
        try {
            int rowsBefore = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
            String id = reportSerious("S82-" + UUID.randomUUID().toString().substring(0, 8), "S82");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class))
                    .isEqualTo(rowsBefore + 2); // the warning and the due moment, committed with the event
            Instant due = jdbc.queryForObject("SELECT max(execution_time) FROM scheduled_tasks", java.sql.Timestamp.class)
                    .toInstant();
            assertThat(due).isBetween(Instant.now().plusSeconds(3), Instant.now().plusSeconds(7));

            Thread.sleep(Duration.between(Instant.now(), due).plusSeconds(2).toMillis());
            assertThat(storedEvents(id, "SafetyDeadlineMissed")).isZero(); // nobody ran it...

            worker.start(); // ...until a scheduler starts again on the same table
            await().atMost(WAIT).untilAsserted(() -> assertThat(storedEvents(id, "SafetyDeadlineMissed"))
                    .isEqualTo(1));
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadline(id, "SPONSOR").get("status").asText())
                    .isEqualTo("MISSED"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM scheduled_tasks WHERE execution_time <= ?", Integer.class,
                    java.sql.Timestamp.from(due))).isZero());
        } finally {
            worker.start();
        }
    }

    @Test
    void the_deadlines_due_are_for_safety_officers_and_administrators() throws Exception {
        assertThat(get(ENV.tokens().admin(), "/api/safety/deadlines").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(ENV.tokens().siteCoordinator("S81"), "/api/safety/deadlines").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        String id = reportSerious("S85-" + UUID.randomUUID().toString().substring(0, 8), "S85");
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadline(id, "SPONSOR")).isNotNull());
        ResponseEntity<String> earlier = get(ENV.tokens().safetyOfficer(),
                "/api/safety/deadlines?dueBefore=2000-01-01T00:00:00Z");
        assertThat(earlier.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(earlier.getBody()).get("deadlines")).isEmpty();
        assertThat(get(ENV.tokens().safetyOfficer(), "/api/safety/deadlines?dueBefore=tomorrow").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
