package org.cartrial.enrollment.screening.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.testsupport.KafkaProbe;
import org.cartrial.testsupport.TrialTestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * The enrollment service on its real parts: event store on PostgreSQL, the forwarder to an in-process Kafka broker
 * (KRaft), the MongoDB wire server; requests with real RS256 tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,enrollment-service")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreeningApiIntegrationTest {

    private static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();

    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        ENV.register(registry, "enrollment-service");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private ResponseEntity<String> post(String token, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/api/enrollment/screenings", HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    /** A full screening work-up as a site sends it; {@code cd19} varies, {@code age} too where given. */
    static String screening(String subjectId, String site, String cd19) {
        return screening(subjectId, site, cd19, "8.5");
    }

    static String screening(String subjectId, String site, String cd19, String age) {
        return """
                {"subjectId":"%s","siteId":"%s","screeningDate":"2026-11-20","ageYears":%s,"weightKg":26.4,
                 "sex":"female","performance":{"scale":"LANSKY","score":80},
                 "diagnosis":{"whoBAllByMorphology":true,"flowImmunophenotypeDone":true,"karyotypeDone":true,
                              "fusionGeneScreenDone":true,"fusionGeneFound":null},
                 "diseaseStatus":"RELAPSED_REFRACTORY",
                 "cd19ExpressionPercent":%s,"cd22ExpressionPercent":97.0,
                 "consent":{"guardianConsentOn":"2026-11-18","consentFormVersion":"ICF-2.1"}}"""
                .formatted(subjectId, site, age, cd19);
    }

    /** The sites these tests screen at are registered by an admin first, as on a real trial. */
    @BeforeAll
    void anAdminRegistersTheSites() {
        for (String site : List.of("S01", "S02")) {
            assertThat(postTo("/api/enrollment/sites", ENV.tokens().admin(),
                    "{\"siteId\":\"%s\",\"name\":\"Hospital %s\",\"country\":\"CN\"}".formatted(site, site))
                    .getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        }
    }

    private int eventsOf(String subjectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, subjectId);
    }

    @Test
    void a_screening_is_stored_with_its_caller_and_published_to_kafka_as_a_cloud_event() throws Exception {
        ResponseEntity<String> response = post(ENV.tokens().siteCoordinator("S01"), screening("S01-0001", "S01", "98.2"), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("eligible").asBoolean()).isTrue();
        assertThat(body.get("protocolVersion").asText()).isEqualTo("1.0");

        Map<String, Object> stored = jdbc.queryForMap(
                "SELECT eventidentifier, metadata FROM domainevententry WHERE aggregateidentifier = 'S01-0001'");
        String eventId = (String) stored.get("eventidentifier");
        assertThat(new String((byte[]) stored.get("metadata"))).contains("\"actorUser\":\"coordinator-S01\"")
                .contains("site-coordinator");

        List<ConsumerRecord<byte[], byte[]>> records = new KafkaProbe(ENV.kafkaBootstrap()).awaitRecord(
                "trial.enrollment.events", r -> eventId.equals(KafkaProbe.header(r, "ce_id")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key())).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("org.cartrial.enrollment.PatientScreened.v1");
        assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/cartrial/enrollment-service");
        assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo("S01-0001");
        assertThat(KafkaProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, "ce_time")).isNotBlank();
        assertThat(json.readTree(record.value()).get("cd19ExpressionPercent").decimalValue()).isEqualByComparingTo("98.2");
    }

    @Test
    void an_ineligible_screening_names_every_failed_criterion() throws Exception {
        ResponseEntity<String> response = post(ENV.tokens().siteCoordinator("S02"),
                screening("S02-0009", "S02", "95.0", "0.99"), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("eligible").asBoolean()).isFalse();
        assertThat(body.get("failedCriteria").findValuesAsText("code")).containsExactly("age-in-range", "cd19-expression");
        assertThat(body.get("failedCriteria").findValuesAsText("message")).allMatch(m -> !m.isBlank());
        assertThat(eventsOf("S02-0009")).isEqualTo(1);
    }

    @Test
    void bad_input_gets_a_problem_naming_the_field_and_stores_nothing() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");

        ResponseEntity<String> malformed = post(token, "{\"subjectId\": \"S01-0100\", ", null);
        ResponseEntity<String> missing = post(token,
                screening("S01-0101", "S01", "98").replace("\"cd19ExpressionPercent\":98,", ""), null);
        ResponseEntity<String> outOfRange = post(token, screening("S01-0102", "S01", "101"), null);
        ResponseEntity<String> wrongType = post(token, screening("S01-0103", "S01", "\"high\""), null);
        ResponseEntity<String> unknownField = post(token,
                screening("S01-0104", "S01", "98").replace("\"sex\"", "\"name\":\"x\",\"sex\""), null);
        ResponseEntity<String> unknownWord = post(token,
                screening("S01-0105", "S01", "98").replace("RELAPSED_REFRACTORY", "CURED"), null);

        for (ResponseEntity<String> response : List.of(malformed, missing, outOfRange, wrongType, unknownField, unknownWord)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(json.readTree(missing.getBody()).get("errors").findValuesAsText("field")).contains("cd19ExpressionPercent");
        assertThat(json.readTree(outOfRange.getBody()).get("errors").findValuesAsText("rule")).contains("DecimalMax");
        assertThat(json.readTree(wrongType.getBody()).get("errors").findValuesAsText("field")).contains("cd19ExpressionPercent");
        assertThat(json.readTree(unknownField.getBody()).get("errors").findValuesAsText("field")).contains("name");
        assertThat(json.readTree(unknownWord.getBody()).get("errors").findValuesAsText("field")).contains("diseaseStatus");
        for (String subject : List.of("S01-0100", "S01-0101", "S01-0102", "S01-0103", "S01-0104", "S01-0105")) {
            assertThat(eventsOf(subject)).isZero();
        }
    }

    @Test
    void a_retry_with_the_same_idempotency_key_gets_the_first_answer_and_stores_one_event() {
        String token = ENV.tokens().siteCoordinator("S01");
        String body = screening("S01-0200", "S01", "97.5");

        ResponseEntity<String> first = post(token, body, "key-S01-0200");
        ResponseEntity<String> retry = post(token, body, "key-S01-0200");
        ResponseEntity<String> reusedForOther = post(token, screening("S01-0201", "S01", "97.5"), "key-S01-0200");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reusedForOther.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(eventsOf("S01-0200")).isEqualTo(1);
        assertThat(eventsOf("S01-0201")).isZero();
    }

    @Test
    void concurrent_retries_with_one_idempotency_key_store_one_event_and_never_a_second_answer() throws Exception {
        String token = ENV.tokens().siteCoordinator("S01");
        String body = screening("S01-0250", "S01", "97.5");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<ResponseEntity<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> post(token, body, "key-S01-0250")));
            }
            String created = null;
            for (var answer : answers) {
                ResponseEntity<String> response = answer.get();
                // each caller gets the first answer, or is told the key is still in use and may retry
                assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
                if (response.getStatusCode() == HttpStatus.CREATED) {
                    created = created == null ? response.getBody() : created;
                    assertThat(response.getBody()).isEqualTo(created);
                } else {
                    assertThat(response.getBody()).contains("idempotency-key-in-use");
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(eventsOf("S01-0250")).isEqualTo(1);
        assertThat(post(token, body, "key-S01-0250").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void a_refused_command_releases_its_idempotency_key_and_leaves_no_event() {
        String token = ENV.tokens().siteCoordinator("S01");
        post(token, screening("S01-0300", "S01", "97.5"), null);

        ResponseEntity<String> again = post(token, screening("S01-0300", "S01", "97.5"), "key-S01-0300");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(eventsOf("S01-0300")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = 'key-S01-0300'",
                Integer.class)).isZero();
    }

    @Test
    void callers_without_a_valid_token_role_or_site_are_refused() {
        String body = screening("S01-0400", "S01", "97.5");

        assertThat(post(null, body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post("not-a-token", body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().expired("S01"), body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(ENV.tokens().siteCoordinator("S02"), body, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ENV.tokens().analyst(), body, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventsOf("S01-0400")).isZero();
    }

    private ResponseEntity<String> postTo(String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void an_eligible_subject_is_enrolled_once_withdrawn_once_and_other_sites_see_nothing() {
        String s01 = ENV.tokens().siteCoordinator("S01");
        post(s01, screening("S01-0500", "S01", "98"), null);
        post(s01, screening("S01-0501", "S01", "90"), null);
        String enrol = "{\"enrolledOn\":\"2026-11-21\"}";

        assertThat(postTo("/api/enrollment/subjects/S01-0500/enrolment", ENV.tokens().siteCoordinator("S02"), enrol)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(postTo("/api/enrollment/subjects/S01-0500/enrolment", s01, enrol).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(postTo("/api/enrollment/subjects/S01-0500/enrolment", s01, enrol).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> ineligible = postTo("/api/enrollment/subjects/S01-0501/enrolment", s01, enrol);
        assertThat(ineligible.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(ineligible.getBody()).contains("not-eligible");
        assertThat(postTo("/api/enrollment/subjects/NO-SUCH-1/enrolment", s01, enrol).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String withdraw = "{\"withdrawnOn\":\"2026-11-22\",\"reason\":\"guardian's decision\",\"survivalFollowUpAllowed\":true}";
        assertThat(postTo("/api/enrollment/subjects/S01-0500/withdrawal", s01, withdraw).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(postTo("/api/enrollment/subjects/S01-0500/withdrawal", s01, withdraw).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(eventsOf("S01-0500")).isEqualTo(3);
    }

    @Test
    void screening_findings_are_corrected_with_a_reason_and_a_refused_correction_stores_nothing() {
        String s01 = ENV.tokens().siteCoordinator("S01");
        post(s01, screening("S01-0520", "S01", "98"), null);
        String path = "/api/enrollment/subjects/S01-0520/screening/corrections";

        ResponseEntity<String> noReason = postTo(path, s01, "{\"cd19ExpressionPercent\":99}");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("reason");
        ResponseEntity<String> same = postTo(path, s01, "{\"reason\":\"x\",\"cd19ExpressionPercent\":98}");
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(same.getBody()).contains("nothing-changed");
        assertThat(postTo(path, ENV.tokens().siteCoordinator("S02"), "{\"reason\":\"x\",\"cd19ExpressionPercent\":99}")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventsOf("S01-0520")).isEqualTo(1);

        ResponseEntity<String> corrected = postTo(path, s01, "{\"reason\":\"flow report\",\"cd19ExpressionPercent\":99}");
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(corrected.getBody()).contains("\"oldValue\":\"98\"", "\"newValue\":\"99\"", "flow report");
        assertThat(eventsOf("S01-0520")).isEqualTo(2);
    }

    @Test
    void a_corrected_screening_decides_eligibility_again_and_enrolment_follows_it() throws Exception {
        String s01 = ENV.tokens().siteCoordinator("S01");
        post(s01, screening("S01-0530", "S01", "98"), null);
        String path = "/api/enrollment/subjects/S01-0530/screening/corrections";
        String enrol = "/api/enrollment/subjects/S01-0530/enrolment";

        ResponseEntity<String> ineligible = postTo(path, s01, "{\"reason\":\"FCM re-read\",\"cd19ExpressionPercent\":90}");
        assertThat(ineligible.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(ineligible.getBody());
        assertThat(body.path("eligibilityBefore").path("eligible").asBoolean()).isTrue();
        assertThat(body.path("eligibility").path("eligible").asBoolean()).isFalse();
        assertThat(body.path("eligibility").path("failedCriteria").findValuesAsText("code"))
                .containsExactly("cd19-expression");
        assertThat(body.path("eligibility").path("protocolVersion").asText()).isEqualTo("1.0");
        assertThat(body.path("eligibilityDeviation").asBoolean()).isFalse();
        ResponseEntity<String> refused = postTo(enrol, s01, "{\"enrolledOn\":\"2026-11-21\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).contains("not-eligible");

        assertThat(postTo(path, s01, "{\"reason\":\"FCM re-read again\",\"cd19ExpressionPercent\":98}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(postTo(enrol, s01, "{\"enrolledOn\":\"2026-11-21\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> deviation = postTo(path, s01, "{\"reason\":\"third look\",\"cd22ExpressionPercent\":80}");
        assertThat(json.readTree(deviation.getBody()).path("eligibilityDeviation").asBoolean()).isTrue();
        assertThat(eventsOf("S01-0530")).isEqualTo(5);
    }

    @Test
    void a_correction_clears_an_optional_finding_by_naming_it_and_never_a_mandatory_one() throws Exception {
        String s01 = ENV.tokens().siteCoordinator("S01");
        post(s01, screening("S01-0540", "S01", "98"), null);
        String path = "/api/enrollment/subjects/S01-0540/screening/corrections";
        assertThat(postTo(path, s01, "{\"reason\":\"MRD date from the referral letter\",\"mrdPositiveSince\":\"2026-05-02\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> mandatory = postTo(path, s01, "{\"reason\":\"x\",\"clear\":[\"weightKg\"]}");
        assertThat(mandatory.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(mandatory.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(mandatory.getBody()).contains("field-mandatory", "weightKg");
        ResponseEntity<String> both = postTo(path, s01,
                "{\"reason\":\"x\",\"mrdPositiveSince\":\"2026-05-01\",\"clear\":[\"mrdPositiveSince\"]}");
        assertThat(both.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(both.getBody()).contains("cleared-and-given");
        assertThat(postTo(path, s01, "{\"reason\":\"x\",\"clear\":[\"not a field!\"]}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> nullKeeps = postTo(path, s01, "{\"reason\":\"x\",\"mrdPositiveSince\":null}");
        assertThat(nullKeeps.getBody()).as("null is absent: kept").contains("nothing-changed");
        assertThat(eventsOf("S01-0540")).isEqualTo(2);

        ResponseEntity<String> cleared = postTo(path, s01,
                "{\"reason\":\"relapsed subject, no MRD history\",\"clear\":[\"mrdPositiveSince\"]}");
        assertThat(cleared.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode correction = json.readTree(cleared.getBody()).path("corrections").get(0);
        assertThat(correction.path("field").asText()).isEqualTo("mrdPositiveSince");
        assertThat(correction.path("oldValue").asText()).isEqualTo("2026-05-02");
        assertThat(correction.hasNonNull("newValue")).as("not recorded any more").isFalse();
        assertThat(eventsOf("S01-0540")).isEqualTo(3);
    }

    @Test
    void only_an_admin_amends_the_protocol_and_every_version_stays_readable() throws Exception {
        String amendment = """
                {"version":"2.0","effectiveFrom":"2030-01-01","reason":"upper age raised to 21",
                 "minAgeYears":1,"maxAgeYears":21,"cd19ExpressionAbovePercent":95,"cd22ExpressionAbovePercent":95,
                 "mrdPositiveMoreThanMonths":3,"lanskyBelowAgeYears":16,"minLansky":50,"minKarnofsky":50,"maxEcog":2,
                 "assentFromAgeYears":12,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0}""";

        assertThat(postTo("/api/enrollment/protocol/amendments", ENV.tokens().siteCoordinator("S01"), amendment)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postTo("/api/enrollment/protocol/amendments", ENV.tokens().admin(), amendment).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(postTo("/api/enrollment/protocol/amendments", ENV.tokens().admin(), amendment).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> mrdAtHundred = postTo("/api/enrollment/protocol/amendments", ENV.tokens().admin(),
                amendment.replace("\"2.0\"", "\"2.1\"").replace("2030-01-01", "2031-01-01")
                        .replace("\"maxDose10e6CellsPerKg\":5.0", "\"maxDose10e6CellsPerKg\":5.0,\"mrdNegativeBelowPercent\":100"));
        assertThat(mrdAtHundred.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mrdAtHundred.getBody()).contains("mrdNegativeBelowPercent");

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(ENV.tokens().analyst());
        JsonNode versions = json.readTree(http.exchange("/api/enrollment/protocol/versions", HttpMethod.GET,
                new HttpEntity<>(headers), String.class).getBody());
        assertThat(versions.findValuesAsText("version")).containsExactly("1.0", "2.0");

        // published with the version's full settings (those the request left out taken from version 1.0), keyed by
        // the protocol id, for every other context to apply from its date on
        List<ConsumerRecord<byte[], byte[]>> records = new KafkaProbe(ENV.kafkaBootstrap()).awaitRecord(
                "trial.enrollment.events", r -> "org.cartrial.enrollment.ProtocolAmended.v1".equals(
                        KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> record = records.stream().filter(r -> "org.cartrial.enrollment.ProtocolAmended.v1"
                .equals(KafkaProbe.header(r, "ce_type"))).findFirst().orElseThrow();
        assertThat(new String(record.key())).isEqualTo("cartrial-protocol");
        JsonNode published = json.readTree(record.value());
        assertThat(published.at("/settings/version").asText()).isEqualTo("2.0");
        assertThat(published.at("/settings/effectiveFrom").asText()).isEqualTo("2030-01-01");
        assertThat(published.at("/settings/maxAgeYears").decimalValue()).isEqualByComparingTo("21");
        assertThat(published.at("/settings/monitoringToxicityRateAbove").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(published.at("/settings/saeReportHours").asInt()).isEqualTo(24);
        assertThat(published.at("/settings/crMarrowBlastsBelowPercent").decimalValue()).isEqualByComparingTo("5");
        assertThat(published.get("reason").asText()).isEqualTo("upper age raised to 21");
    }

    @Test
    void only_an_admin_registers_a_site_once_every_caller_lists_them_and_an_unregistered_site_cannot_screen()
            throws Exception {
        String site = "{\"siteId\":\"S07\",\"name\":\"Hospital S07\"}";
        assertThat(postTo("/api/enrollment/sites", ENV.tokens().siteCoordinator("S07"), site).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postTo("/api/enrollment/sites", ENV.tokens().admin(), "{\"siteId\":\"s7\",\"name\":\"x\"}")
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<String> refused = post(ENV.tokens().siteCoordinator("S07"), screening("S07-0001", "S07", "98"), null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(refused.getBody()).get("code").asText()).isEqualTo("site-not-registered");
        assertThat(eventsOf("S07-0001")).isZero();

        ResponseEntity<String> registered = postTo("/api/enrollment/sites", ENV.tokens().admin(), site);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(registered.getBody()).get("name").asText()).isEqualTo("Hospital S07");
        ResponseEntity<String> again = postTo("/api/enrollment/sites", ENV.tokens().admin(), site);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(again.getBody()).get("code").asText()).isEqualTo("site-already-registered");
        assertThat(post(ENV.tokens().siteCoordinator("S07"), screening("S07-0001", "S07", "98"), null).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        HttpHeaders analyst = new HttpHeaders();
        analyst.setBearerAuth(ENV.tokens().analyst());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode sites = json.readTree(http.exchange("/api/enrollment/sites", HttpMethod.GET,
                    new HttpEntity<>(analyst), String.class).getBody());
            assertThat(sites.findValuesAsText("siteId")).contains("S01", "S02", "S07");
        });
        JsonNode s07 = json.readTree(http.exchange("/api/enrollment/sites/S07", HttpMethod.GET,
                new HttpEntity<>(analyst), String.class).getBody());
        assertThat(s07.get("name").asText()).isEqualTo("Hospital S07");
        assertThat(http.exchange("/api/enrollment/sites/S99", HttpMethod.GET, new HttpEntity<>(analyst), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void the_subject_status_follows_enrolment_and_an_infusion_from_the_infusion_topic() throws Exception {
        String s01 = ENV.tokens().siteCoordinator("S01");
        post(s01, screening("S01-0600", "S01", "98"), null);
        postTo("/api/enrollment/subjects/S01-0600/enrolment", s01, "{\"enrolledOn\":\"2026-11-21\"}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status("S01-0600", s01)).isEqualTo("on-study"));

        var infused = new org.cartrial.api.infusion.CarTInfused("S01-0600", "S01", java.time.LocalDate.of(2026, 11, 24),
                java.time.Instant.now(), org.cartrial.api.infusion.CarTProduct.CD19,
                java.time.Instant.parse("2026-11-24T09:00:00Z"), new java.math.BigDecimal("2.7"),
                new java.math.BigDecimal("26"), "LOT-1", "1.0");
        new KafkaProbe(ENV.kafkaBootstrap()).send("trial.infusion.events", "S01-0600".getBytes(),
                json.writeValueAsBytes(infused), Map.of("ce_id", java.util.UUID.randomUUID().toString(),
                        "ce_specversion", "1.0", "ce_source", "/cartrial/infusion-service",
                        "ce_type", org.cartrial.api.EventCatalogue.typeOf(infused.getClass()),
                        "ce_subject", "S01-0600", "ce_time", java.time.Instant.now().toString()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status("S01-0600", s01)).isEqualTo("on-study-intervention"));

        HttpHeaders other = new HttpHeaders();
        other.setBearerAuth(ENV.tokens().siteCoordinator("S02"));
        assertThat(http.exchange("/api/enrollment/subjects/S01-0600", HttpMethod.GET, new HttpEntity<>(other),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode s02List = json.readTree(http.exchange("/api/enrollment/subjects", HttpMethod.GET,
                new HttpEntity<>(other), String.class).getBody());
        assertThat(s02List.findValuesAsText("subjectId")).doesNotContain("S01-0600");
    }

    private String status(String subjectId, String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> response = http.exchange("/api/enrollment/subjects/" + subjectId, HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        return response.getStatusCode() == HttpStatus.OK ? json.readTree(response.getBody()).get("status").asText()
                : response.getStatusCode().toString();
    }

    @org.junit.jupiter.api.Test
    void the_openapi_document_is_public_and_docs_openapi_holds_it() {
        var served = http.getForEntity("/api/enrollment/v3/api-docs", String.class);

        org.assertj.core.api.Assertions.assertThat(served.getStatusCode().value()).as(served.getBody()).isEqualTo(200);
        org.cartrial.testsupport.OpenApiDocument.assertUpToDate("enrollment-service", served.getBody());
    }

}
