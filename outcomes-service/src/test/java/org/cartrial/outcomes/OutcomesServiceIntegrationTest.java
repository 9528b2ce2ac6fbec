package org.cartrial.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.outcomes.consort.query.ConsortProjection;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.PublishedEventExamples;
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
 * The outcomes service on its real parts, in one Spring context (one consumer group member): the enrollment topic
 * consumed from an in-process Kafka broker into the MongoDB read model (duplicates applied once, a poison record
 * dead-lettered while the consumer goes on), and the clinical course recorded on the PostgreSQL event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,outcomes-service")
class OutcomesServiceIntegrationTest {

    private static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();
    private static final String TOPIC = "trial.enrollment.events";

    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        ENV.register(registry, "outcomes-service");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    ConsortProjection consortProjection;
    @Autowired
    JdbcTemplate jdbc;

    private final KafkaProbe kafka = new KafkaProbe(ENV.kafkaBootstrap());

    private void publish(String eventId, TrialEvent event) {
        kafka.publish(eventId, event);
    }

    private static PatientScreened screened(String subject, String site, boolean eligible) {
        return PublishedEventExamples.screened(subject, site, eligible, Instant.now());
    }

    private JsonNode consort(String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> response = http.exchange("/api/outcomes/consort", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void duplicates_count_once_and_a_poison_record_is_dead_lettered_while_the_consumer_goes_on() throws Exception {
        String prefix = UUID.randomUUID().toString().substring(0, 6);
        String first = UUID.randomUUID().toString();
        publish(first, screened(prefix + "-1", "S07", true));
        publish(first, screened(prefix + "-1", "S07", true)); // the same event again
        kafka.send(TOPIC, "x".getBytes(), "{not json".getBytes(), Map.of("ce_id", "poison-1",
                "ce_type", "org.cartrial.enrollment.PatientScreened.v1"));
        publish(UUID.randomUUID().toString(), screened(prefix + "-2", "S07", false));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(consort(ENV.tokens().analyst()).at("/sites/S07/screened").asLong()).isEqualTo(2));
        JsonNode s07 = consort(ENV.tokens().analyst()).at("/sites/S07");
        assertThat(s07.get("eligible").asLong()).isEqualTo(1);
        assertThat(s07.get("screenFailed").asLong()).isEqualTo(1);

        var dead = kafka.awaitRecord("error." + TOPIC + ".outcomes-consort",
                r -> "poison-1".equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(dead.get(dead.size() - 1), "x-exception-message")).contains("cannot read");
    }

    @Test
    void site_staff_see_only_their_own_sites() throws Exception {
        publish(UUID.randomUUID().toString(), screened("S08-77", "S08", true));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(consort(ENV.tokens().analyst()).at("/sites/S08/screened").asLong()).isEqualTo(1));

        JsonNode own = consort(ENV.tokens().siteCoordinator("S09"));
        assertThat(own.get("sites").has("S08")).isFalse();
        assertThat(own.at("/overall/screened").asLong()).isZero();
    }

    /** Enrols the subject through the enrollment topic and waits until the outcomes service has learnt it. */
    private String enrolled(String subject, String site) {
        publish(UUID.randomUUID().toString(), new PatientEnrolled(subject, site, LocalDate.of(2026, 1, 2), Instant.now(),
                "1.0"));
        await().atMost(Duration.ofSeconds(60)).until(() -> consortProjection.enrolmentOf(subject).isPresent());
        return subject;
    }

    private int eventsOf(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, subjectId);
    }

    private ResponseEntity<String> post(String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static String assessment(String id, String date, String blasts, String anc, String mrd) {
        return """
                {"siteId":"S01","assessmentId":"%s","assessedOn":"%s","marrowBlastsPercent":%s,
                 "circulatingBlasts":false,"extramedullaryDisease":false,"cnsStatus":"CNS1","ancPer10e9L":%s,
                 "plateletsPer10e9L":150,"mrdPercent":%s,"mrdDetectionLimitPercent":0.001,"investigatorResponse":"CR"}"""
                .formatted(id, date, blasts, anc, mrd);
    }

    @Test
    void the_clinical_course_is_derived_recorded_and_published() throws Exception {
        String site = ENV.tokens().siteCoordinator("S01");
        String subject = enrolled("S01-" + UUID.randomUUID().toString().substring(0, 8), "S01");
        String base = "/api/outcomes/subjects/" + subject;

        ResponseEntity<String> baseline = post(base + "/response-assessments", site, assessment("a0", "2026-01-05", "60", "1.5", "40"));
        assertThat(baseline.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(baseline.getBody()).get("derivedResponse").asText()).isEqualTo("NR");

        ResponseEntity<String> day28 = post(base + "/response-assessments", site, assessment("a1", "2026-02-10", "2", "0.8", "0.005"));
        JsonNode cri = json.readTree(day28.getBody());
        assertThat(cri.get("derivedResponse").asText()).isEqualTo("CRI");
        assertThat(cri.get("investigatorResponse").asText()).isEqualTo("CR");
        assertThat(cri.get("mrdNegative").asBoolean()).isTrue();

        assertThat(post(base + "/relapse", site, "{\"siteId\":\"S01\",\"detectedOn\":\"2026-06-01\",\"relapseSite\":\"MARROW\",\"cd19Positive\":false,\"cd22Positive\":true}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(base + "/death", site, "{\"siteId\":\"S01\",\"diedOn\":\"2026-07-01\",\"cause\":\"DISEASE\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> afterDeath = post(base + "/follow-ups", site, "{\"siteId\":\"S01\",\"knownAliveOn\":\"2026-08-01\"}");
        assertThat(afterDeath.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(afterDeath.getBody()).contains("after-death");

        assertThat(post(base + "/death", ENV.tokens().siteCoordinator("S02"), "{\"siteId\":\"S02\",\"diedOn\":\"2026-07-01\",\"cause\":\"DISEASE\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post(base + "/response-assessments", site, assessment("a2", "2026-02-10", "101", "1", "0")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        kafka.awaitRecord("trial.outcomes.events", r -> subject.equals(KafkaProbe.header(r, "ce_subject"))
                && "org.cartrial.outcomes.DeathRecorded.v1".equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));

        // the timeline and its audit trail: who recorded what; analysts see it without names; reads are logged
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode timeline = get(base + "/timeline", site);
            assertThat(timeline.get("entries").findValuesAsText("event")).containsExactly("PatientEnrolled",
                    "ResponseAssessed", "ResponseAssessed", "RelapseDetected", "DeathRecorded");
            assertThat(timeline.get("entries").findValuesAsText("recordedBy")).containsOnly("coordinator-S01");
        });
        assertThat(get(base + "/timeline", ENV.tokens().analyst()).get("entries").findValuesAsText("recordedBy")).isEmpty();
        HttpHeaders other = new HttpHeaders();
        other.setBearerAuth(ENV.tokens().siteCoordinator("S02"));
        assertThat(http.exchange(base + "/timeline", HttpMethod.GET, new HttpEntity<>(other), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode reads = get(base + "/read-log", ENV.tokens().admin());
        assertThat(reads.get("reads").findValuesAsText("user")).contains("coordinator-S01", "analyst-1");
        assertThat(http.exchange(base + "/read-log", HttpMethod.GET, new HttpEntity<>(other), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_correction_clears_an_antigen_or_an_mrd_result_back_to_not_recorded_by_naming_it() throws Exception {
        String site = ENV.tokens().siteCoordinator("S01");
        String subject = enrolled("S01-" + UUID.randomUUID().toString().substring(0, 8), "S01");
        String base = "/api/outcomes/subjects/" + subject;
        post(base + "/response-assessments", site, assessment("a1", "2026-02-10", "2", "1.5", "0.005"));
        assertThat(post(base + "/relapse", site, "{\"siteId\":\"S01\",\"detectedOn\":\"2026-06-01\",\"relapseSite\":\"MARROW\",\"cd19Positive\":false,\"cd22Positive\":true}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String path = base + "/relapse/corrections";

        ResponseEntity<String> mandatory = post(path, site, "{\"siteId\":\"S01\",\"reason\":\"x\",\"clear\":[\"relapseSite\"]}");
        assertThat(mandatory.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(mandatory.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(mandatory.getBody()).contains("field-mandatory", "relapseSite");
        assertThat(post(path, site, "{\"siteId\":\"S01\",\"reason\":\"x\",\"clear\":[\"CD19 positive\"]}")
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(path, site, "{\"siteId\":\"S01\",\"reason\":\"x\",\"cd19Positive\":null}").getBody())
                .as("null is absent: kept").contains("nothing-changed");

        ResponseEntity<String> cleared = post(path, site,
                "{\"siteId\":\"S01\",\"reason\":\"CD19 was never tested on the relapse\",\"clear\":[\"cd19Positive\"]}");
        assertThat(cleared.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(cleared.getBody());
        assertThat(body.path("relapse").hasNonNull("cd19Positive")).as("not tested").isFalse();
        assertThat(body.path("relapse").path("cd22Positive").asBoolean()).isTrue();
        JsonNode correction = body.path("corrections").get(0);
        assertThat(correction.path("field").asText()).isEqualTo("cd19Positive");
        assertThat(correction.path("oldValue").asText()).isEqualTo("false");
        assertThat(correction.hasNonNull("newValue")).isFalse();

        ResponseEntity<String> notMeasured = post(base + "/response-assessments/a1/corrections", site,
                "{\"siteId\":\"S01\",\"reason\":\"MRD sample never run\",\"clear\":[\"mrdPercent\"]}");
        assertThat(notMeasured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(notMeasured.getBody()).path("assessment").hasNonNull("mrdNegative")).isFalse();
        assertThat(post(base + "/response-assessments/a1/corrections", site,
                "{\"siteId\":\"S01\",\"reason\":\"x\",\"clear\":[\"circulatingBlasts\"]}").getBody())
                .contains("field-mandatory");
    }

    @Test
    void facts_about_a_subject_not_enrolled_are_refused_and_store_nothing() throws Exception {
        String site = ENV.tokens().siteCoordinator("S01");
        String unknown = "S01-NOSUCH-" + UUID.randomUUID().toString().substring(0, 6);
        String base = "/api/outcomes/subjects/" + unknown;

        List<ResponseEntity<String>> answers = List.of(
                post(base + "/response-assessments", site, assessment("n0", "2026-01-05", "60", "1.5", "40")),
                post(base + "/relapse", site, "{\"siteId\":\"S01\",\"detectedOn\":\"2026-06-01\",\"relapseSite\":\"MARROW\"}"),
                post(base + "/death", site, "{\"siteId\":\"S01\",\"diedOn\":\"2026-07-01\",\"cause\":\"DISEASE\"}"),
                post(base + "/follow-ups", site, "{\"siteId\":\"S01\",\"knownAliveOn\":\"2026-08-01\"}"));
        for (ResponseEntity<String> answer : answers) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(answer.getBody());
            assertThat(problem.get("code").asText()).isEqualTo("not-enrolled");
            assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("subjectId");
            assertThat(answer.getBody()).contains(unknown);
        }
        assertThat(eventsOf(unknown)).isZero();

        // enrolled at another site: as if it did not exist
        String elsewhere = enrolled("S02-" + UUID.randomUUID().toString().substring(0, 8), "S02");
        ResponseEntity<String> otherSite = post("/api/outcomes/subjects/" + elsewhere + "/follow-ups", site,
                "{\"siteId\":\"S01\",\"knownAliveOn\":\"2026-08-01\"}");
        assertThat(otherSite.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(otherSite.getBody()).get("code").asText()).isEqualTo("subject-not-found");
        assertThat(eventsOf(elsewhere)).isZero();
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void a_correction_names_its_reason_changes_something_and_corrects_a_recorded_fact() throws Exception {
        String site = ENV.tokens().siteCoordinator("S01");
        String subject = enrolled("S01-" + UUID.randomUUID().toString().substring(0, 8), "S01");
        String base = "/api/outcomes/subjects/" + subject;
        assertThat(post(base + "/response-assessments", site, assessment("c0", "2026-01-05", "12", "1.5", "40"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(base + "/death", site, "{\"siteId\":\"S01\",\"diedOn\":\"2026-07-01\",\"cause\":\"DISEASE\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        int recorded = eventsOf(subject);

        Map<String, String[]> refused = Map.of(
                base + "/response-assessments/c0/corrections|{\"siteId\":\"S01\",\"marrowBlastsPercent\":1.2}",
                new String[] {"400", "reason", "NotBlank"},
                base + "/response-assessments/c0/corrections|{\"siteId\":\"S01\",\"reason\":\"x\",\"marrowBlastsPercent\":12}",
                new String[] {"422", null, "nothing-changed"},
                base + "/response-assessments/c9/corrections|{\"siteId\":\"S01\",\"reason\":\"x\",\"marrowBlastsPercent\":1}",
                new String[] {"404", null, "assessment-not-found"},
                base + "/relapse/corrections|{\"siteId\":\"S01\",\"reason\":\"x\",\"relapseSite\":\"CNS\"}",
                new String[] {"404", null, "relapse-not-found"},
                base + "/death/corrections|{\"siteId\":\"S01\",\"reason\":\"x\",\"diedOn\":\"2026-01-01\"}",
                new String[] {"422", "diedOn", "fact-after-death"},
                base + "/follow-ups/2026-03-01/corrections|{\"siteId\":\"S01\",\"reason\":\"x\",\"knownAliveOn\":\"2026-03-02\"}",
                new String[] {"404", null, "follow-up-not-found"});
        for (Map.Entry<String, String[]> bad : refused.entrySet()) {
            String[] request = bad.getKey().split("\\|", 2);
            ResponseEntity<String> answer = post(request[0], site, request[1]);
            assertThat(answer.getStatusCode().value()).as(bad.getKey()).isEqualTo(Integer.parseInt(bad.getValue()[0]));
            assertThat(answer.getHeaders().getContentType()).as(bad.getKey()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(answer.getBody());
            if (bad.getValue()[0].equals("400")) {
                assertThat(problem.get("errors").get(0).get("field").asText()).as(bad.getKey()).endsWith(bad.getValue()[1]);
                assertThat(problem.get("errors").get(0).get("rule").asText()).as(bad.getKey()).isEqualTo(bad.getValue()[2]);
            } else {
                assertThat(problem.get("code").asText()).as(bad.getKey()).isEqualTo(bad.getValue()[2]);
                if (bad.getValue()[1] != null) {
                    assertThat(problem.get("errors").findValuesAsText("field")).as(bad.getKey())
                            .containsExactly(bad.getValue()[1]);
                }
            }
        }
        assertThat(eventsOf(subject)).as("a refused correction stores nothing").isEqualTo(recorded);

        ResponseEntity<String> corrected = post(base + "/response-assessments/c0/corrections", site,
                "{\"siteId\":\"S01\",\"reason\":\"transcription error\",\"marrowBlastsPercent\":1.2}");
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(corrected.getBody());
        assertThat(body.at("/assessment/derivedResponse").asText()).isEqualTo("CR");
        assertThat(body.get("correctedBy").asText()).isEqualTo("coordinator-S01");
        assertThat(body.get("corrections").findValuesAsText("field")).containsExactly("marrowBlastsPercent",
                "derivedResponse");
        ResponseEntity<String> death = post(base + "/death/corrections", site,
                "{\"siteId\":\"S01\",\"reason\":\"death certificate\",\"diedOn\":\"2026-06-20\"}");
        assertThat(death.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(death.getBody()).at("/corrections/0/oldValue").asText()).isEqualTo("2026-07-01");
        kafka.awaitRecord("trial.outcomes.events", r -> subject.equals(KafkaProbe.header(r, "ce_subject"))
                && "org.cartrial.outcomes.DeathCorrected.v1".equals(KafkaProbe.header(r, "ce_type")),
                Duration.ofSeconds(30));
    }

    @Test
    void a_relapse_needs_an_earlier_remission() {
        String site = ENV.tokens().siteCoordinator("S01");
        String subject = enrolled("S01-" + UUID.randomUUID().toString().substring(0, 8), "S01");
        assertThat(post("/api/outcomes/subjects/" + subject + "/response-assessments", site,
                assessment("b0", "2026-01-05", "60", "1.5", "40")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> relapse = post("/api/outcomes/subjects/" + subject + "/relapse", site,
                "{\"siteId\":\"S01\",\"detectedOn\":\"2026-06-01\",\"relapseSite\":\"CNS\"}");

        assertThat(relapse.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(relapse.getBody()).contains("no-prior-remission");
    }

    @Test
    void an_analysis_as_of_a_cut_off_states_what_it_includes() throws Exception {
        String subject = "S05-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day0 = LocalDate.of(2025, 3, 1);
        Instant deathRecorded = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(UUID.randomUUID().toString(),
                new org.cartrial.api.enrollment.PatientEnrolled(subject, "S05", day0.minusDays(10), Instant.now(), "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.infusion.CarTInfused(
                subject, "S05", day0, Instant.now(), org.cartrial.api.infusion.CarTProduct.CD19,
                day0.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), new BigDecimal("2.5"), new BigDecimal("20"),
                "LOT-9", "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.outcomes.DeathRecorded(
                subject, "S05", day0.plusDays(200), deathRecorded, "disease"));

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(ENV.tokens().analyst());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode answer = json.readTree(http.exchange("/api/outcomes/analyses?asOf=2026-01-01&site=S05",
                    HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
            assertThat(answer.at("/report/counts/deaths").asInt()).isEqualTo(1);
            assertThat(answer.get("n").asInt()).isEqualTo(1);
            assertThat(answer.get("as_of").asText()).isEqualTo("2026-01-01");
            assertThat(answer.get("protocol_version").asText()).isEqualTo("1.0");
            assertThat(Instant.parse(answer.get("recorded_up_to").asText())).isEqualTo(deathRecorded);
            assertThat(answer.get("facts_included").asInt()).isEqualTo(3);
            assertThat(answer.at("/report/os/conf_log/table/time/0").asDouble()).isEqualTo(200.0);
        });
        JsonNode before = json.readTree(http.exchange("/api/outcomes/analyses?asOf=2025-06-01&site=S05", HttpMethod.GET,
                new HttpEntity<>(headers), String.class).getBody());
        assertThat(before.at("/report/counts/deaths").asInt()).isZero();
        // as recorded before the death was: the same request gives the figures of that moment
        JsonNode asRecordedEarlier = json.readTree(http.exchange("/api/outcomes/analyses?asOf=2026-01-01&site=S05"
                + "&recordedUpTo=" + deathRecorded.minusMillis(1), HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getBody());
        assertThat(asRecordedEarlier.at("/report/counts/deaths").asInt()).isZero();
        assertThat(asRecordedEarlier.get("facts_included").asInt()).isEqualTo(2);

        ResponseEntity<String> badDate = http.exchange("/api/outcomes/analyses?asOf=yesterday", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }


    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    /** The read model's documents, with applied-event ids as a set: the replay may apply them in another order. */
    private java.util.List<org.bson.Document> contents(String collection) {
        return mongo.findAll(org.bson.Document.class, collection).stream()
                .peek(d -> d.put("appliedEventIds", new java.util.TreeSet<>(d.getList("appliedEventIds", String.class))))
                .sorted(java.util.Comparator.comparing(d -> d.getString("_id")))
                .toList();
    }

    @Test
    void a_read_model_rebuilt_from_the_start_of_the_topics_equals_the_live_one() throws Exception {
        String subject = "S06-" + UUID.randomUUID().toString().substring(0, 8);
        publish(UUID.randomUUID().toString(), new org.cartrial.api.enrollment.PatientEnrolled(subject, "S06",
                LocalDate.of(2025, 1, 1), Instant.now(), "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.outcomes.FollowUpRecorded(subject, "S06",
                LocalDate.of(2025, 6, 1), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> contents("subject_courses").stream()
                // both facts, from two topics: the copy is taken once both are in
                .anyMatch(d -> subject.equals(d.getString("_id")) && d.get("knownAlive") != null
                        && d.get("enrolled") != null));
        var live = contents("subject_courses");

        HttpHeaders admin = new HttpHeaders();
        admin.setBearerAuth(ENV.tokens().admin());
        ResponseEntity<String> started = http.exchange("/api/outcomes/read-models/subject-courses/rebuild",
                HttpMethod.POST, new HttpEntity<>(admin), String.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // while the rebuild replays, queries keep reading the whole live read model (it was dropped at the start)
        java.util.concurrent.atomic.AtomicLong fewestServed = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            fewestServed.accumulateAndGet(mongo.getCollection("subject_courses").countDocuments(), Math::min);
            assertThat(json.readTree(http.exchange("/api/outcomes/read-models/subject-courses", HttpMethod.GET,
                    new HttpEntity<>(admin), String.class).getBody()).get("state").asText()).isEqualTo("DONE");
        });
        assertThat(fewestServed.get()).as("documents served during the rebuild").isEqualTo(live.size());
        assertThat(mongo.collectionExists("subject_courses_rebuild")).isFalse();
        JsonNode done = json.readTree(http.exchange("/api/outcomes/read-models/subject-courses", HttpMethod.GET,
                new HttpEntity<>(admin), String.class).getBody());
        assertThat(done.get("recordsReplayed").asLong()).isEqualTo(done.get("recordsToReplay").asLong()).isPositive();

        assertThat(contents("subject_courses")).isEqualTo(live);
        HttpHeaders analyst = new HttpHeaders();
        analyst.setBearerAuth(ENV.tokens().analyst());
        assertThat(http.exchange("/api/outcomes/read-models/subject-courses/rebuild", HttpMethod.POST,
                new HttpEntity<>(analyst), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<byte[]> download(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    @Test
    void an_export_is_the_same_bytes_for_the_same_cut_holds_only_the_sites_asked_and_refuses_bad_requests()
            throws Exception {
        String subject = "S04-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day0 = LocalDate.of(2025, 3, 1);
        publish(UUID.randomUUID().toString(), new PatientEnrolled(subject, "S04", day0.minusDays(10), Instant.now(), "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.infusion.CarTInfused(
                subject, "S04", day0, Instant.now(), org.cartrial.api.infusion.CarTProduct.CD19,
                day0.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), new BigDecimal("2.5"), new BigDecimal("20"),
                "LOT-4", "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.outcomes.FollowUpRecorded(subject, "S04",
                day0.plusDays(90), Instant.now()));
        String analyst = ENV.tokens().analyst();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new String(download(
                "/api/outcomes/exports/datasets/adtte.csv?asOf=2026-01-01&site=S04", analyst).getBody(),
                StandardCharsets.UTF_8)).contains(subject + ",S04,OS,Overall Survival (days),90,"));

        ResponseEntity<byte[]> first = download("/api/outcomes/exports?asOf=2026-01-01&site=S04", analyst);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        String recordedUpTo = first.getHeaders().getFirst("Trial-Recorded-Up-To");
        ResponseEntity<byte[]> again = download("/api/outcomes/exports?asOf=2026-01-01&site=S04&recordedUpTo="
                + recordedUpTo, ENV.tokens().siteCoordinator("S04"));
        assertThat(again.getBody()).isEqualTo(first.getBody());
        Map<String, byte[]> files = unzip(first.getBody());
        assertThat(files).containsKeys("manifest.json", "dm.json", "adsl.csv", "adtte.json", "ts.json");
        JsonNode dm = json.readTree(files.get("dm.json"));
        assertThat(dm.get("rows")).isNotEmpty().allSatisfy(row ->
                assertThat(row.get(2).asText()).startsWith("CARTRIAL-CD19-CD22-S04-"));
        assertThat(json.readTree(files.get("manifest.json")).get("recordedUpTo").asText()).isEqualTo(recordedUpTo);
        JsonNode fhir = json.readTree(download("/api/outcomes/exports/fhir?asOf=2026-01-01&site=S04", analyst).getBody());
        assertThat(fhir.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(fhir.findValuesAsText("resourceType")).contains("ResearchStudy", "Patient", "ResearchSubject");
        assertThat(fhir.toString()).contains("\"value\":\"" + subject + "\"", "on-study-intervention");

        // the audit trail: a correction of the grade is an ODM Update with who, why and the old value
        org.cartrial.api.safety.AdverseEventDetails grade3 = new org.cartrial.api.safety.AdverseEventDetails(
                "Cytokine release syndrome", null, day0.plusDays(1), 3, "ASTCT-2019", null, null, false, List.of(),
                "definite", true, false, "RECOVERED", null);
        publish(UUID.randomUUID().toString(), new org.cartrial.api.safety.AdverseEventReported(subject, "S04",
                day0.plusDays(1), Instant.now(), "ae-" + subject, "Cytokine release syndrome", 2, false, "definite", true,
                "1.0", null, "ASTCT-2019", null, null, List.of(), false, "RECOVERED", null));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.safety.AdverseEventCorrected(subject, "S04",
                day0.plusDays(1), Instant.now(), "ae-" + subject, grade3, List.of("grade"), "hypoxia missed", "1.0"));
        String audit = "/api/outcomes/exports/audit-trail?asOf=2026-01-01&subject=" + subject;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new String(download(audit,
                ENV.tokens().admin()).getBody(), StandardCharsets.UTF_8))
                .contains("ItemOID=\"IT.AE.AETOXGR\" TransactionType=\"Update\" Value=\"3\"",
                        "hypoxia missed (was 2)"));
        assertThat(download(audit, ENV.tokens().siteCoordinator("S01")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // a site's staff reading another site, an unknown dataset, a malformed or impossible date, a future cut-off
        Map<String, String[]> refused = Map.of(
                "/api/outcomes/exports?asOf=2026-01-01&site=S04", new String[] {"403", "site", "site-not-readable"},
                "/api/outcomes/exports/datasets/xx.json?asOf=2026-01-01", new String[] {"400", "dataset", "Pattern"},
                "/api/outcomes/exports?asOf=yesterday", new String[] {"400", "asOf", "Pattern"},
                "/api/outcomes/exports?asOf=2025-02-30", new String[] {"400", "asOf", "date"},
                "/api/outcomes/exports?asOf=2999-01-01", new String[] {"400", "asOf", "cutoff-in-future"},
                "/api/outcomes/exports/fhir?asOf=2025-01-01&site=S02", new String[] {"403", "site", "site-not-readable"},
                "/api/outcomes/exports?asOf=2025-01-01&recordedUpTo=soon", new String[] {"400", "recordedUpTo", "instant"});
        for (var bad : refused.entrySet()) {
            ResponseEntity<byte[]> answer = download(bad.getKey(), ENV.tokens().siteCoordinator("S01"));
            assertThat(answer.getStatusCode().value()).as(bad.getKey()).isEqualTo(Integer.parseInt(bad.getValue()[0]));
            assertThat(answer.getHeaders().getContentType()).as(bad.getKey()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(answer.getBody());
            // a parameter constraint names its handler too (e.g. one.dataset), as everywhere in the services
            assertThat(problem.get("errors").get(0).get("field").asText()).as(bad.getKey()).endsWith(bad.getValue()[1]);
            assertThat(problem.get("errors").get(0).get("rule").asText()).as(bad.getKey()).isEqualTo(bad.getValue()[2]);
        }
    }

    @org.junit.jupiter.api.Test
    void the_openapi_document_is_public_and_docs_openapi_holds_it() {
        var served = http.getForEntity("/api/outcomes/v3/api-docs", String.class);

        org.assertj.core.api.Assertions.assertThat(served.getStatusCode().value()).as(served.getBody()).isEqualTo(200);
        org.cartrial.testsupport.OpenApiDocument.assertUpToDate("outcomes-service", served.getBody());
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /**
     * A sealed cut-off: its analyses reproduce byte for byte after a correction dated before it arrives, the
     * correction shows as "after lock" in the timeline and in the difference view, and the figures now differ.
     */
    @Test
    void a_sealed_cutoff_reproduces_its_bytes_after_a_correction_which_shows_as_after_lock() throws Exception {
        String subject = "S08-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day0 = LocalDate.of(2025, 2, 1);
        String cutoff = "2025-12-31";
        String aeId = "ae-" + subject;
        publish(UUID.randomUUID().toString(), new PatientEnrolled(subject, "S08", day0.minusDays(10), Instant.now(),
                "1.0"));
        publish(UUID.randomUUID().toString(), new org.cartrial.api.infusion.CarTInfused(subject, "S08", day0,
                Instant.now(), org.cartrial.api.infusion.CarTProduct.CD19,
                day0.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), new BigDecimal("2.5"), new BigDecimal("20"),
                "LOT-5", "1.0"));
        org.cartrial.api.safety.AdverseEventReported reported = new org.cartrial.api.safety.AdverseEventReported(
                subject, "S08", day0.plusDays(2), Instant.now(), aeId, "Cytokine release syndrome", 2, false,
                "definite", true, "1.0", null, "ASTCT-2019", null, null, List.of(), false, "RECOVERED", null);
        publish(UUID.randomUUID().toString(), reported);
        String analyst = ENV.tokens().analyst();
        String analyses = "/api/outcomes/analyses?asOf=" + cutoff + "&site=S08";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readTree(
                send(HttpMethod.GET, analyses, analyst, null).getBody()).at("/report/crs/n").asInt()).isEqualTo(1));

        // refusals first: nothing is sealed by them
        assertThat(send(HttpMethod.POST, "/api/outcomes/cutoffs", ENV.tokens().siteCoordinator("S08"),
                "{\"cutoff\":\"" + cutoff + "\",\"reason\":\"DSMB\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> future = send(HttpMethod.POST, "/api/outcomes/cutoffs", analyst,
                "{\"cutoff\":\"2999-01-01\",\"reason\":\"DSMB\"}");
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(future.getBody()).at("/errors/0/field").asText()).isEqualTo("cutoff");
        ResponseEntity<String> noReason = send(HttpMethod.POST, "/api/outcomes/cutoffs", analyst,
                "{\"cutoff\":\"" + cutoff + "\"}");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(noReason.getBody()).at("/errors/0/field").asText()).isEqualTo("reason");
        assertThat(send(HttpMethod.GET, "/api/outcomes/cutoffs/" + cutoff + "/report", analyst, null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<String> sealed = send(HttpMethod.POST, "/api/outcomes/cutoffs", analyst,
                "{\"cutoff\":\"" + cutoff + "\",\"reason\":\"DSMB meeting 2026-01\"}");
        assertThat(sealed.getStatusCode()).as(sealed.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode seal = json.readTree(sealed.getBody());
        assertThat(seal.get("position")).isNotEmpty();
        assertThat(seal.get("sealedBy").asText()).isNotBlank();
        ResponseEntity<String> again = send(HttpMethod.POST, "/api/outcomes/cutoffs", ENV.tokens().admin(),
                "{\"cutoff\":\"" + cutoff + "\",\"reason\":\"again\"}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(again.getBody()).get("code").asText()).isEqualTo("cutoff-sealed");

        ResponseEntity<String> report = send(HttpMethod.GET, "/api/outcomes/cutoffs/" + cutoff + "/report", analyst,
                null);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(report.getBody().getBytes(StandardCharsets.UTF_8)))).isEqualTo(seal.get("contentHash").asText());
        assertThat(report.getHeaders().getFirst("Repr-Digest")).startsWith("sha-256=:");
        int crsGrade3Sealed = json.readTree(report.getBody()).at("/report/crs/ge3_count").asInt();

        // a correction of the grade, dated before the cut-off, recorded after the lock
        org.cartrial.api.safety.AdverseEventDetails grade3 = new org.cartrial.api.safety.AdverseEventDetails(
                "Cytokine release syndrome", null, day0.plusDays(2), 3, "ASTCT-2019", null, null, false, List.of(),
                "definite", true, false, "RECOVERED", null);
        publish(UUID.randomUUID().toString(), new org.cartrial.api.safety.AdverseEventCorrected(subject, "S08",
                day0.plusDays(2), Instant.now(), aeId, grade3, List.of("grade"), "hypotension needed vasopressors",
                "1.0"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readTree(
                send(HttpMethod.GET, analyses, analyst, null).getBody()).at("/report/crs/ge3_count").asInt())
                .isEqualTo(1));

        assertThat(send(HttpMethod.GET, "/api/outcomes/cutoffs/" + cutoff + "/report", analyst, null).getBody())
                .as("the sealed figures, byte for byte").isEqualTo(report.getBody());
        JsonNode differences = json.readTree(send(HttpMethod.GET, "/api/outcomes/cutoffs/" + cutoff + "/differences",
                analyst, null).getBody());
        assertThat(differences.findValuesAsText("figure")).contains("/report/crs/ge3_count");
        assertThat(differences.at("/changedFigures").toString()).contains("\"sealed\":" + crsGrade3Sealed);
        assertThat(differences.get("recordedAfterLock")).anySatisfy(late -> {
            assertThat(late.get("subjectId").asText()).isEqualTo(subject);
            assertThat(late.get("fact").asText()).startsWith("adverseEvents.");
        });
        JsonNode timeline = json.readTree(send(HttpMethod.GET, "/api/outcomes/subjects/" + subject + "/timeline",
                ENV.tokens().admin(), null).getBody());
        assertThat(timeline.get("entries")).anySatisfy(entry -> {
            assertThat(entry.get("event").asText()).isEqualTo("AdverseEventCorrected");
            assertThat(entry.get("afterLockOf").asText()).isEqualTo(cutoff);
        });
        assertThat(timeline.get("entries")).anySatisfy(entry -> {
            assertThat(entry.get("event").asText()).isEqualTo("AdverseEventReported");
            assertThat(entry.hasNonNull("afterLockOf")).isFalse();
        });
    }
}
