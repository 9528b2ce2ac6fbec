package org.cartrial.safety.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.cartrial.safety.SafetyServiceOnRealParts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The listing through the API on the real parts: an AE reported over HTTP travels the forwarder and the safety topic
 * into the listing; its site and the safety officer read it, another site gets 404, an analyst only the aggregate.
 */
class AdverseEventListingIntegrationTest extends SafetyServiceOnRealParts {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void a_reported_adverse_event_is_listed_for_its_site_and_counted_in_the_incidence_table() throws Exception {
        String subjectId = "S04-" + UUID.randomUUID().toString().substring(0, 8);
        String term = "Hypokalaemia " + UUID.randomUUID().toString().substring(0, 4);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ENV.tokens().siteCoordinator("S04"));
        ResponseEntity<String> reported = http.exchange("/api/safety/adverse-events", HttpMethod.POST,
                new HttpEntity<>("""
                        {"subjectId":"%s","siteId":"S04","ctcaeTerm":"%s","onsetDate":"2026-11-21","grade":3,
                         "serious":false,"relationshipToCarT":"unlikely","expected":true}""".formatted(subjectId, term),
                        headers), String.class);
        assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
        String path = "/api/safety/subjects/" + subjectId + "/adverse-events?open=true";

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get(ENV.tokens().siteCoordinator("S04"), path).getStatusCode()).isEqualTo(HttpStatus.OK));
        JsonNode own = json.readTree(get(ENV.tokens().siteCoordinator("S04"), path).getBody());
        assertThat(own.path("adverseEvents")).hasSize(1);
        assertThat(own.path("adverseEvents").get(0).path("grade").asInt()).isEqualTo(3);
        assertThat(get(ENV.tokens().safetyOfficer(), path).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(ENV.tokens().siteCoordinator("S01"), path).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(ENV.tokens().analyst(), path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> incidence = get(ENV.tokens().analyst(), "/api/safety/incidence?site=S04");
        assertThat(incidence.getStatusCode()).as(incidence.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode row = null;
        for (JsonNode t : json.readTree(incidence.getBody()).path("terms")) {
            if (t.path("ctcaeTerm").asText().equals(term)) {
                row = t;
            }
        }
        assertThat(row).as(incidence.getBody()).isNotNull();
        assertThat(row.path("subjectsGrade3OrWorse").asInt()).isEqualTo(1);
        assertThat(get(ENV.tokens().siteCoordinator("S01"), "/api/safety/incidence?site=S04").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(ENV.tokens().analyst(), "/api/safety/incidence?site=s04;drop").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
