package org.cartrial.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.safety.SafetyServiceOnRealParts;
import org.cartrial.safety.stream.query.StreamLog;
import org.cartrial.safety.stream.web.SafetyStreams;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The safety-officer stream through the service's own port (the gateway passes {@code text/event-stream} through
 * unbuffered; its own test covers that hop): catch-up after a reconnect with Last-Event-ID, filters, site scoping,
 * redelivered Kafka records, heartbeats, released and capped streams.
 */
class SafetyStreamIntegrationTest extends SafetyServiceOnRealParts {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate ONSET = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    SafetyStreams streams;
    @Autowired
    StreamLog streamLog;
    @Autowired
    MongoTemplate mongo;

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private SseClient subscribe(String token, String query, String lastEventId) throws Exception {
        return SseClient.open("http://127.0.0.1:" + port + "/api/safety/stream" + query, token, lastEventId);
    }

    /** A non-serious typed adverse event: no reporting clock, so only its own event reaches the stream. */
    private String report(String subjectId, String site, int grade) throws Exception {
        String body = """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Febrile neutropenia","onsetDate":"%s","grade":%d,
                 "serious":false,"relationshipToCarT":"possible","expected":true}"""
                .formatted(subjectId, site, ONSET, grade);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ENV.tokens().siteCoordinator(site));
        ResponseEntity<String> response = http.exchange("/api/safety/adverse-events", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(response.getBody()).get("adverseEventId").asText();
    }

    private JsonNode data(SseClient.Frame frame) throws Exception {
        return json.readTree(frame.data());
    }

    /** The next {@code count} "reported" events, as their data. */
    private List<JsonNode> reported(SseClient client, int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(data(client.nextEvent("reported", WAIT)));
        }
        return events;
    }

    @Test
    void a_client_that_reconnects_with_last_event_id_gets_every_missed_event_in_order_once_then_live_ones()
            throws Exception {
        String officer = ENV.tokens().safetyOfficer();
        String subject = "S71-" + UUID.randomUUID().toString().substring(0, 8);
        String lastSeen;
        try (SseClient first = subscribe(officer, "?site=S71", null)) {
            assertThat(first.status()).isEqualTo(200);
            SseClient.Frame ready = first.nextEvent("ready", WAIT);
            assertThat(ready.id()).isNotBlank();
            String before = report(subject, "S71", 2);
            SseClient.Frame seen = first.nextEvent("reported", WAIT);
            assertThat(data(seen).get("adverseEventId").asText()).isEqualTo(before);
            assertThat(Long.parseLong(seen.id())).isGreaterThan(Long.parseLong(ready.id()));
            lastSeen = seen.id();
        }

        List<String> missed = new ArrayList<>();
        List<String> missedGrade3OrMore = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int grade = 1 + i % 4;
            String id = report(subject, "S71", grade);
            missed.add(id);
            if (grade >= 3) {
                missedGrade3OrMore.add(id);
            }
        }

        try (SseClient again = subscribe(officer, "?site=S71", lastSeen);
                SseClient severe = subscribe(officer, "?site=S71&minGrade=3", lastSeen)) {
            List<JsonNode> caughtUp = reported(again, 50);
            assertThat(caughtUp).extracting(e -> e.get("adverseEventId").asText()).containsExactlyElementsOf(missed);
            assertThat(caughtUp).extracting(e -> e.get("sequence").asLong()).isSorted().doesNotHaveDuplicates()
                    .allMatch(sequence -> sequence > Long.parseLong(lastSeen));
            assertThat(caughtUp).extracting(e -> e.get("event").get("subjectId").asText()).containsOnly(subject);

            List<JsonNode> severeOnes = reported(severe, missedGrade3OrMore.size());
            assertThat(severeOnes).extracting(e -> e.get("adverseEventId").asText())
                    .containsExactlyElementsOf(missedGrade3OrMore);
            assertThat(severeOnes).extracting(e -> e.get("grade").asInt()).allMatch(grade -> grade >= 3);

            String live = report(subject, "S71", 4);
            SseClient.Frame next = again.nextEvent("reported", WAIT);
            assertThat(data(next).get("adverseEventId").asText()).isEqualTo(live);
            assertThat(Long.parseLong(next.id())).isEqualTo(data(next).get("sequence").asLong())
                    .isGreaterThan(caughtUp.get(49).get("sequence").asLong());
            assertThat(data(severe.nextEvent("reported", WAIT)).get("adverseEventId").asText()).isEqualTo(live);

            String mild = report(subject, "S71", 1);
            assertThat(data(again.nextEvent("reported", WAIT)).get("adverseEventId").asText()).isEqualTo(mild);
            assertThat(severe.drain(Duration.ofSeconds(2))).noneMatch(f -> "reported".equals(f.event()));
        }
    }

    @Test
    void a_redelivered_kafka_record_keeps_its_place_and_is_not_sent_twice() throws Exception {
        String officer = ENV.tokens().safetyOfficer();
        String subject = "S72-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient client = subscribe(officer, "?site=S72", null)) {
            client.nextEvent("ready", WAIT);
            String first = report(subject, "S72", 3);
            SseClient.Frame delivered = client.nextEvent("reported", WAIT);
            JsonNode data = data(delivered);
            assertThat(data.get("adverseEventId").asText()).isEqualTo(first);
            String eventId = data.get("eventId").asText();
            long duplicatesBefore = streamLog.duplicatesSuppressed();

            List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecord("trial.safety.events",
                    r -> eventId.equals(KafkaProbe.header(r, "ce_id")), WAIT);
            kafka.redeliver(records.get(records.size() - 1));
            await().atMost(WAIT).until(() -> streamLog.duplicatesSuppressed() > duplicatesBefore);
            String marker = report(subject, "S72", 2);

            SseClient.Frame next = client.nextEvent("reported", WAIT);
            assertThat(data(next).get("adverseEventId").asText()).isEqualTo(marker);
            assertThat(mongo.count(Query.query(Criteria.where("eventId").is(eventId)), StreamLog.COLLECTION))
                    .isEqualTo(1);
        }
        // a client resuming from before the first one still gets it exactly once
        try (SseClient resumed = subscribe(officer, "?site=S72&kinds=reported", "0")) {
            List<JsonNode> all = reported(resumed, 2);
            assertThat(all).extracting(e -> e.get("event").get("subjectId").asText()).containsOnly(subject);
            assertThat(all).extracting(e -> e.get("eventId").asText()).doesNotHaveDuplicates();
            assertThat(resumed.drain(Duration.ofSeconds(2))).noneMatch(f -> "reported".equals(f.event()));
        }
    }

    @Test
    void an_idle_stream_gets_heartbeats_and_a_client_that_leaves_releases_its_stream() throws Exception {
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        SseClient idle = subscribe(ENV.tokens().safetyOfficer(), "?site=S79", null);
        idle.nextEvent("ready", WAIT);
        SseClient.Frame heartbeat = idle.next(SseClient.Frame::isComment, Duration.ofSeconds(5));
        assertThat(heartbeat.comment()).isEqualTo("hb");
        idle.next(SseClient.Frame::isComment, Duration.ofSeconds(5));
        assertThat(streams.openStreams()).isEqualTo(1);

        idle.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> streams.openStreams() == 0);
    }

    @Test
    void site_staff_see_only_their_own_sites_and_no_trial_wide_signal() throws Exception {
        String own = "S73-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "S74-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient coordinator = subscribe(ENV.tokens().siteCoordinator("S73"), "", null)) {
            coordinator.nextEvent("ready", WAIT);
            report(other, "S74", 4);
            String mine = report(own, "S73", 3);
            JsonNode first = data(coordinator.nextEvent("reported", WAIT));
            assertThat(first.get("adverseEventId").asText()).isEqualTo(mine);
            assertThat(first.get("siteId").asText()).isEqualTo("S73");
        }
        SseClient otherSite = subscribe(ENV.tokens().siteCoordinator("S73"), "?site=S74", null);
        assertThat(otherSite.status()).isEqualTo(403);
        assertThat(json.readTree(otherSite.errorBody()).get("status").asInt()).isEqualTo(403);
        assertThat(subscribe(ENV.tokens().analyst(), "", null).status()).isEqualTo(403);
        assertThat(subscribe(ENV.tokens().expired("S73"), "", null).status()).isEqualTo(401);
        try (SseClient admin = subscribe(ENV.tokens().admin(), "?site=S73", null)) {
            assertThat(admin.status()).isEqualTo(200);
        }
    }

    @Test
    void filters_are_checked_and_a_bad_one_is_a_problem_naming_it() throws Exception {
        String officer = ENV.tokens().safetyOfficer();
        SseClient badGrade = subscribe(officer, "?minGrade=7", null);
        assertThat(badGrade.status()).isEqualTo(400);
        assertThat(json.readTree(badGrade.errorBody()).get("errors").findValuesAsText("field")).contains("minGrade");
        SseClient badKind = subscribe(officer, "?kinds=reported,gossip", null);
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(json.readTree(badKind.errorBody()).get("errors").findValuesAsText("field")).contains("kinds");
        SseClient badId = subscribe(officer, "", "yesterday");
        assertThat(badId.status()).isEqualTo(400);

        String subject = "S75-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient updatesOnly = subscribe(officer, "?site=S75&kinds=updated,signal", null);
                SseClient seriousOnly = subscribe(officer, "?site=S75&seriousOnly=true&kinds=reported", null);
                SseClient all = subscribe(officer, "?site=S75&kinds=reported", null)) {
            report(subject, "S75", 2);
            all.nextEvent("reported", WAIT);
            assertThat(updatesOnly.drain(Duration.ofSeconds(1))).noneMatch(f -> "reported".equals(f.event()));
            assertThat(seriousOnly.drain(Duration.ofSeconds(1))).noneMatch(f -> "reported".equals(f.event()));
        }
    }

    @Test
    void streams_beyond_the_cap_are_refused_until_one_closes() throws Exception {
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        String officer = ENV.tokens().safetyOfficer();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < streams.settings().maxStreams(); i++) {
                SseClient client = subscribe(officer, "?site=S76", null);
                assertThat(client.status()).isEqualTo(200);
                open.add(client);
            }
            SseClient refused = subscribe(officer, "?site=S76", null);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(json.readTree(refused.errorBody()).get("code").asText()).isEqualTo("too-many-streams");
        } finally {
            open.forEach(SseClient::close);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> streams.openStreams() == 0);
        try (SseClient again = subscribe(officer, "?site=S76", null)) {
            assertThat(again.status()).isEqualTo(200);
        }
    }
}
