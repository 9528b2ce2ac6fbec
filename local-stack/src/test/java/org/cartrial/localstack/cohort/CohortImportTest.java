package org.cartrial.localstack.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The import's conduct against a stand-in gateway (the JDK's HTTP server on a free port), which answers like the
 * platform where it matters: the infusion service knows an enrolment only when the request carries the consistency
 * token of the enrolment's answer (as a real one waits for it), the CD22 gate is closed, one
 * screening is refused, and a second request with a known Idempotency-Key replays the first answer.
 */
class CohortImportTest {

    private static final String HEADER = "patient_id,site,age_years,weight_kg,enrollment_date,cd19_infusion_date,"
            + "cd22_infusion_date,assess1_date,assess1_response,assess1_mrd,assess2_date,assess2_response,assess2_mrd,"
            + "assess3_date,assess3_response,assess3_mrd,assess4_date,assess4_response,assess4_mrd,assess5_date,"
            + "assess5_response,assess5_mrd,relapse_date,relapse_cd19,relapse_cd22,death_date,last_followup_date,"
            + "withdrawal_date,max_crs_grade,max_icans_grade,data_cutoff_date";
    private static final String COHORT = HEADER + "\n"
            + "P000002,S04,7.3,34.9,2021-04-14,2021-05-11,2021-07-15,2021-06-06,CR,negative,2021-11-08,CR,negative,"
            + ",,,,,,,,,2022-05-11,negative,positive,2022-08-27,2022-08-27,,2,3,2023-12-31\n"
            + "P000003,S03,1.8,10.0,2018-09-29,,,,,,,,,,,,,,,,,,,,,,2018-10-02,2018-10-02,,,2023-12-31\n"
            + "P000035,S02,14.2,48.0,2020-02-20,2020-03-03,,2020-03-31,PR,positive,2020-05-12,CRi,,2020-09-07,CR,"
            + "positive,,,,,,,,,,,2021-01-10,2021-01-10,0,4,2023-12-31\n";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> learnt = new ConcurrentHashMap<>();
    private final Map<String, String> lastToken = new ConcurrentHashMap<>();
    private final AtomicInteger offsets = new AtomicInteger();
    private final Set<String> cd22Infused = ConcurrentHashMap.newKeySet();
    private final Map<String, String> surveillances = new ConcurrentHashMap<>();
    private final AtomicInteger outage = new AtomicInteger();
    private HttpServer gateway;

    @BeforeEach
    void aGatewayStandIn() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private int importCohort(PrintStream out) throws InterruptedException {
        CohortFile file = CohortFile.parse("cohort.csv", COHORT.getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        return new CohortImport(CohortImport.Settings.of(uri, 2), (actor, site) -> actor + "-" + site)
                .run(file, new CohortRequests(file.sha256(), ""), out, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void an_import_carries_consistency_tokens_overrides_a_closed_gate_reports_a_refusal_and_replays_when_run_again()
            throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        int status = importCohort(new PrintStream(first, true, StandardCharsets.UTF_8));

        String summary = first.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary).isEqualTo(1);
        assertThat(summary).contains("sites      3: 3 registered now")
                .contains("subjects   2 of 3 complete, 1 stopped at a refused request")
                .contains("sent again: 0 in all")
                .contains("CD22       1 infusions; the gate was closed for 1").contains("reasons: mrd-not-negative 1")
                .contains("refused    1: already-screened 1")
                .contains("line 3 P000003, screening: HTTP 409 {\"code\":\"already-screened\"}")
                .contains("0 replayed");
        assertThat(learnt.get("P000002")).as("two assessments, CRS and ICANS").contains("P000002-A1", "P000002-A2")
                .hasSize(4);
        assertThat(summary).contains("CRS/ICANS  grade 0 recorded as a surveillance completed without the syndrome")
                .contains("1 CRS and 0 ICANS patients");
        assertThat(surveillances).as("P000035's CRS grade 0, under its Idempotency-Key").hasSize(1)
                .hasKeySatisfying(new Condition<>(k -> k.matches(
                        "/api/safety/subjects/P000035/toxicity-surveillance CRS cohort-.*-crs-surveillance"),
                        "the CRS surveillance of P000035"));

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        importCohort(new PrintStream(second, true, StandardCharsets.UTF_8));

        String again = second.toString(StandardCharsets.UTF_8);
        assertThat(again).contains("0 created").contains("sites      3: 0 registered now, 3 replayed")
                .contains("sent again: 0 in all").contains("1 overrides of an earlier run replayed")
                .contains("refused    1: already-screened 1");
        assertThat(surveillances.values()).as("the same key again, answered by replay").containsExactly("sent again");
    }

    @Test
    void an_import_waits_out_a_service_that_is_restarting_and_counts_what_it_sent_again() throws Exception {
        outage.set(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        importCohort(new PrintStream(out, true, StandardCharsets.UTF_8));

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary).as("nothing refused for good but the screening that is refused anyway")
                .contains("subjects   2 of 3 complete, 1 stopped at a refused request")
                .contains("refused    1: already-screened 1")
                .contains("sent again: 4 in all, 0 after 429 (request budget), 4 after a transient failure");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/api/infusion/") && outage.getAndDecrement() > 0) {
            // the infusion service restarting behind the gateway: bad gateway, unavailable, timed out
            int status = List.of(502, 503, 504).get(outage.get() % 3);
            respond(exchange, status, "{\"status\":" + status + "}", Map.of());
            return;
        }
        String caller = exchange.getRequestHeaders().getFirst("Authorization");
        JsonNode body = json.readTree(exchange.getRequestBody());
        String key = caller + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (path.endsWith("/toxicity-surveillance")) {
            surveillances.merge(path + " " + body.path("syndrome").asText() + " "
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"), "sent", (a, b) -> a + " again");
        }
        String earlier = answers.get(key);
        if (earlier != null) {
            respond(exchange, 201, earlier, Map.of("Idempotent-Replayed", "true"));
            return;
        }
        String subject = body.path("subjectId").asText(path.matches("/api/\\w+/subjects/.*")
                ? path.split("/")[4] : "");
        if (path.equals("/api/enrollment/screenings") && subject.equals("P000003")) {
            respond(exchange, 409, "{\"code\":\"already-screened\"}", Map.of());
            return;
        }
        String token = exchange.getRequestHeaders().getFirst("Trial-Consistency");
        if (path.equals("/api/infusion/lymphodepletions") && body.path("beforeProduct").asText().equals("CD19")
                && !java.util.Objects.equals(token, lastToken.get(subject))) {
            respond(exchange, 422, "{\"code\":\"not-enrolled\"}", Map.of());
            return;
        }
        if (path.equals("/api/infusion/infusions") && body.path("product").asText().equals("CD22")) {
            if (cd22Infused.contains(subject)) {
                respond(exchange, 409, "{\"code\":\"already-infused\"}", Map.of());
                return;
            }
            if (!body.has("override")) {
                respond(exchange, 422, "{\"code\":\"cd22-gate-closed\",\"errors\":[{\"field\":\"latestResponseAssessment\","
                        + "\"rule\":\"mrd-not-negative\"}]}", Map.of());
                return;
            }
            cd22Infused.add(subject);
        }
        if (body.has("assessmentId")) {
            learnt.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(body.path("assessmentId").asText());
        }
        if (body.has("adverseEventId")) {
            learnt.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(body.path("adverseEventId").asText());
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put("eligible", true);
        answer.put("derivedResponse", body.path("investigatorResponse").asText(null));
        String text = json.writeValueAsString(answer);
        answers.put(key, text);
        String answered = "trial.test.events:0:" + offsets.getAndIncrement();
        lastToken.put(subject, answered);
        respond(exchange, 201, text, Map.of("Trial-Consistency", answered));
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
