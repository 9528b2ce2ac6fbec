package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.cartrial.localstack.Component;
import org.cartrial.localstack.JwtKeys;
import org.cartrial.localstack.LocalTokens;
import org.cartrial.localstack.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Issue 6's acceptance matrix on the real system (every process, through the gateway): every endpoint x every role
 * x own site / other site / no token / expired / wrong signature / {@code alg: none} / wrong issuer / wrong
 * audience, with the expected status of each cell, and no 5xx anywhere. Every cell is run; the mismatches are
 * collected and the test fails once with all of them; the matrix of actual statuses is printed.
 * <p>
 * Columns: a site coordinator of S01 (the subject's own site), a site coordinator of S02 (another site), an
 * investigator of S01, a safety officer, an analyst, an admin, then six callers with a bad token. The bad tokens
 * carry every role and site S01 (they would be admitted everywhere if they were valid: the refusal is the token's
 * flaw), one flaw each; the same claims without a flaw are checked to pass first.
 * <p>
 * Cells ({@link Expect}): {@code ok} admitted (2xx, or a domain refusal 409/422: the state decides, not the access
 * rules; never 400, which would mean the row's body is wrong), {@code f} admitted but filtered to the caller's own
 * sites (2xx, and nothing of S01 in the answer), {@code p} admitted with pseudonymous data only (2xx, no user name of
 * who recorded what), {@code 403} the role is not admitted or a body names a site the caller is not bound to,
 * {@code 404} a subject (or adverse event) of a site the caller does not act for, {@code 401} no valid token.
 * <p>
 * Where the services answer 403 and where 404 for the other site: a body that names a site ({@code siteId}) the
 * caller is not bound to is refused with 403 before anything is looked up ({@code Caller.requireSite}): it reveals
 * nothing about any subject, as the caller named the site itself (the outcomes service has no such check and answers
 * 404 there too: its clinical course finds no subject of that site). A subject id or adverse-event id of another site in
 * the path, or a body naming the caller's own site for another site's subject ("disguised" rows), answers 404, the
 * same as an id that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final String SUBJECT = "S01-0001";
    /** A second subject of S01, enrolled, of which the outcomes service has no clinical course. */
    private static final String SECOND = "S01-0002";
    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(60);
    private static final String BAD = "401 401 401 401 401 401";

    /** The columns, in the order of the cells in {@link #rows()}. */
    private static final List<String> COLUMNS = List.of("coord-S01", "coord-S02", "inv-S01", "safety", "analyst",
            "admin", "no-token", "expired", "other-key", "alg-none", "wrong-iss", "wrong-aud");

    /** What a cell must answer. */
    enum Expect {
        OK("ok"), FILTERED("f"), PSEUDONYMOUS("p"), FORBIDDEN("403"), NOT_FOUND("404"), UNAUTHENTICATED("401");

        final String code;

        Expect(String code) {
            this.code = code;
        }

        static Expect of(String code) {
            for (Expect e : values()) {
                if (e.code.equals(code)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("no cell kind " + code);
        }

        /** Null when the answer fits, else why not. */
        String mismatch(int status, String body) {
            if (status >= 500) {
                return "5xx";
            }
            if (status >= 400 && !body.contains("\"code\":\"")) {
                return "a refusal without the code the README promises";
            }
            return switch (this) {
                case OK -> status / 100 == 2 || status == 409 || status == 422 ? null : "not admitted";
                case FILTERED -> status / 100 != 2 ? "not admitted" : body.contains("S01") ? "S01 data leaked" : null;
                case PSEUDONYMOUS -> status / 100 != 2 ? "not admitted"
                        : body.contains("demo-") ? "user names leaked" : null;
                case FORBIDDEN -> status == 403 ? null : "expected 403";
                case NOT_FOUND -> status == 404 ? null : "expected 404";
                case UNAUTHENTICATED -> status == 401 ? null : "expected 401";
            };
        }
    }

    /** One endpoint: method, path, body, the expected cell of each column. {@code {AE}} is the adverse event's id. */
    record Row(String method, String path, String body, List<Expect> expected) {

        static Row of(String method, String path, String body, String roleCells) {
            String all = roleCells + " " + BAD;
            List<Expect> cells = java.util.Arrays.stream(all.trim().split("\\s+")).map(Expect::of).toList();
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(method + " " + path + ": " + cells.size() + " cells");
            }
            return new Row(method, path, body, cells);
        }

        String name() {
            return method + " " + path;
        }
    }

    private PlatformUnderTest platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String adverseEventId;
    private final Map<String, Supplier<String>> callers = new LinkedHashMap<>();

    // ---------------------------------------------------------------------------------------------------------
    // the matrix: one line per endpoint; columns coord-S01 coord-S02 inv-S01 safety analyst admin (then 6 x 401)

    private static List<Row> rows() {
        String s = "/api/enrollment/subjects/" + SUBJECT;
        String ae = "/api/safety/adverse-events/{AE}";
        String out = "/api/outcomes/subjects/" + SUBJECT;
        List<Row> rows = new ArrayList<>();
        //                                                                         cS01 cS02 iS01 safe anal admin
        rows.add(Row.of("GET", "/api/enrollment/sites", null,                      "ok  ok   ok   ok   ok   ok"));
        rows.add(Row.of("POST", "/api/enrollment/sites", SITE_S03,                 "403 403  403  403  403  ok"));
        rows.add(Row.of("POST", "/api/enrollment/screenings", screening("S01"),    "ok  403  ok   403  403  403"));
        rows.add(Row.of("POST", s + "/enrolment", ENROLMENT,                       "ok  404  ok   403  403  403"));
        rows.add(Row.of("GET", "/api/enrollment/subjects", null,                   "ok  f    ok   403  403  ok"));
        rows.add(Row.of("GET", "/api/enrollment/subjects?site=S01", null,          "ok  f    ok   403  403  ok"));
        rows.add(Row.of("GET", s, null,                                            "ok  404  ok   403  403  ok"));
        rows.add(Row.of("POST", "/api/enrollment/protocol/amendments", AMENDMENT,  "403 403  403  403  403  ok"));
        rows.add(Row.of("GET", "/api/enrollment/protocol/versions", null,          "ok  ok   ok   ok   ok   ok"));

        rows.add(Row.of("POST", "/api/infusion/lymphodepletions", lymphodepletion("S01", "CD22"),
                                                                                   "ok  403  ok   403  403  403"));
        rows.add(Row.of("POST", "/api/infusion/infusions", infusion("S01", "CD22"),
                                                                                   "ok  403  ok   403  403  ok"));
        rows.add(Row.of("GET", "/api/infusion/subjects/" + SUBJECT + "/readiness", null,
                                                                                   "ok  404  ok   ok   403  ok"));

        rows.add(Row.of("POST", "/api/safety/adverse-events", adverseEvent("S01"), "ok  403  ok   403  403  403"));
        rows.add(Row.of("GET", ae, null,                                           "ok  404  ok   ok   403  ok"));
        rows.add(Row.of("POST", ae + "/updates", AE_UPDATE,                        "ok  404  ok   403  403  403"));
        rows.add(Row.of("POST", ae + "/corrections", AE_CORRECTION,                "ok  404  ok   ok   403  403"));
        rows.add(Row.of("POST", ae + "/recodings", AE_RECODING,                    "ok  404  ok   ok   403  403"));
        rows.add(Row.of("POST", ae + "/reports", report("SPONSOR"),                "ok  404  ok   ok   403  403"));
        rows.add(Row.of("POST", ae + "/reports", report("REGULATOR"),              "403 403  403  ok   403  403"));
        rows.add(Row.of("GET", "/api/safety/monitoring-rule", null,                "403 403  403  ok   403  ok"));
        rows.add(Row.of("GET", "/api/safety/subjects/" + SUBJECT + "/adverse-events", null,
                                                                                   "ok  404  ok   ok   403  ok"));
        rows.add(Row.of("GET", "/api/safety/subjects/" + SUBJECT + "/adverse-events?open=true", null,
                                                                                   "ok  404  ok   ok   403  ok"));
        rows.add(Row.of("GET", "/api/safety/incidence", null,                      "ok  f    ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/safety/incidence?site=S01", null,             "ok  403  ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/safety/deadlines", null,                      "403 403  403  ok   403  ok"));
        rows.add(Row.of("POST", "/api/safety/subjects/" + SUBJECT + "/toxicity-surveillance", surveillance("S01"),
                                                                                   "ok  403  ok   403  403  403"));
        rows.add(Row.of("SSE", "/api/safety/stream", null,                         "ok  ok   ok   ok   403  ok"));
        rows.add(Row.of("SSE", "/api/safety/stream?site=S01", null,                "ok  403  ok   ok   403  ok"));
        rows.add(Row.of("GET", "/api/safety/infused-subjects/" + SUBJECT, null,    "403 403  403  ok   403  ok"));

        rows.add(Row.of("POST", out + "/response-assessments", assessment("S01"),  "ok  404  ok   403  403  403"));
        rows.add(Row.of("POST", out + "/follow-ups", followUp("S01"),              "ok  404  ok   403  403  403"));
        rows.add(Row.of("POST", out + "/relapse", relapse("S01"),                  "ok  404  ok   403  403  403"));
        rows.add(Row.of("GET", "/api/outcomes/consort", null,                      "ok  f    ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/consort?site=S01", null,             "ok  403  ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/analyses?asOf=2026-12-01", null,     "ok  f    ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/analyses?asOf=2026-12-01&site=S01", null,
                                                                                   "ok  403  ok   ok   ok   ok"));
        for (String curve : List.of("os", "efs", "dfs", "cir")) {
            rows.add(Row.of("SVG", "/api/outcomes/analyses/curves/" + curve + ".svg?asOf=2026-12-01&site=S01", null,
                                                                                   "ok  403  ok   ok   ok   ok"));
        }
        rows.add(Row.of("SVG", "/api/outcomes/analyses/curves/os.svg?asOf=2026-12-01", null,
                                                                                   "ok  f    ok   ok   ok   ok"));
        rows.add(Row.of("GET", out + "/timeline", null,                            "ok  404  ok   p    p    ok"));
        rows.add(Row.of("GET", "/api/outcomes/exports/datasets/adsl.json?asOf=2026-12-01", null,
                                                                                   "ok  f    ok   ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/exports/datasets/dm.csv?asOf=2026-12-01&site=S01", null,
                                                                                   "ok  403  ok   ok   ok   ok"));

        // sealed data cut-offs: trial-wide figures, sealed by analysts and admins (the admin's second seal is a 409)
        rows.add(Row.of("POST", "/api/outcomes/cutoffs", "{\"cutoff\":\"2026-01-31\",\"reason\":\"access matrix\"}",
                                                                                   "403 403  403  403  ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/cutoffs", null,                     "403 403  403  ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/cutoffs/2026-01-31/report", null,   "403 403  403  ok   ok   ok"));
        rows.add(Row.of("GET", "/api/outcomes/cutoffs/2026-01-31/differences", null,
                                                                                   "403 403  403  ok   ok   ok"));

        for (String context : List.of("enrollment", "infusion", "safety", "outcomes")) {
            rows.add(Row.of("GET", "/api/" + context + "/subjects/" + SUBJECT + "/read-log", null,
                                                                                   "ok  404  ok   403  403  ok"));
            rows.add(Row.of("GET", "/api/" + context + "/read-models", null,       "403 403  403  403  403  ok"));
        }

        // "disguised": another site's subject with the caller's own site in the body. S02's staff must neither learn
        // nor write anything of S01's subject (404, as unknown). S01's staff naming S02 are refused with 403 where the
        // controller checks the body's site first (Caller.requireSite: enrollment, infusion, safety); the outcomes
        // service checks the site in the clinical course instead and answers 404 (no subject of that site)
        rows.add(Row.of("POST", "/api/enrollment/screenings", screening("S02"),    "403 404  403  403  403  403"));
        rows.add(Row.of("POST", "/api/infusion/lymphodepletions", lymphodepletion("S02", "CD22"),
                                                                                   "403 404  403  403  403  403"));
        rows.add(Row.of("POST", "/api/infusion/infusions", infusion("S02", "CD22"),
                                                                                   "403 404  403  403  403  404"));
        rows.add(Row.of("POST", "/api/safety/adverse-events", adverseEvent("S02"), "403 404  403  403  403  403"));
        rows.add(Row.of("POST", "/api/safety/subjects/" + SUBJECT + "/toxicity-surveillance", surveillance("S02"),
                                                                                   "403 404  403  403  403  403"));
        rows.add(Row.of("POST", "/api/safety/subjects/" + SUBJECT + "/toxicity-surveillance",
                surveillance("S02").replace("ICANS", "CRS"),                      "403 404  403  403  403  403"));
        rows.add(Row.of("POST", out + "/response-assessments", assessment("S02"),  "404 404  404  403  403  403"));
        rows.add(Row.of("POST", out + "/follow-ups", followUp("S02"),              "404 404  404  403  403  403"));
        rows.add(Row.of("POST", out + "/relapse", relapse("S02"),                  "404 404  404  403  403  403"));
        rows.add(Row.of("POST", out + "/death", death("S02"),                      "404 404  404  403  403  403"));
        // a subject of S01 of which the outcomes service has no course yet: S02 must not start one for it
        rows.add(Row.of("POST", "/api/outcomes/subjects/" + SECOND + "/follow-ups", followUp("S02"),
                                                                                   "404 404  404  403  403  403"));
        // and after those attempts the subject still belongs to S01 only
        rows.add(Row.of("GET", "/api/safety/subjects/" + SUBJECT + "/adverse-events", null,
                                                                                   "ok  404  ok   ok   403  ok"));
        rows.add(Row.of("GET", "/api/infusion/subjects/" + SUBJECT + "/readiness", null,
                                                                                   "ok  404  ok   ok   403  ok"));
        rows.add(Row.of("GET", out + "/timeline", null,                            "ok  404  ok   p    p    ok"));
        rows.add(Row.of("GET", "/api/outcomes/subjects/" + SECOND + "/timeline", null,
                                                                                   "ok  404  ok   p    p    ok"));

        // last: the writes that end the subject's course
        rows.add(Row.of("POST", out + "/death", death("S01"),                      "ok  404  ok   403  403  403"));
        rows.add(Row.of("POST", s + "/withdrawal", WITHDRAWAL,                     "ok  404  ok   403  403  ok"));
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------------

    @BeforeAll
    void startThePlatformAndAnEnrolledSubjectWithAnAdverseEvent() {
        platform = PlatformUnderTest.start("matrix", Map.of(Component.GATEWAY, Map.of(
                "TRIAL_RATE_LIMIT_PER_SECOND", "100000", "TRIAL_RATE_LIMIT_BURST", "100000")));
        String admin = platform.token(Role.ADMIN, null);
        String site = platform.token(Role.SITE_COORDINATOR, "S01");
        for (String siteId : List.of("S01", "S02")) {
            expect(201, send("POST", "/api/enrollment/sites", admin,
                    "{\"siteId\":\"" + siteId + "\",\"name\":\"Hospital " + siteId + "\"}"));
        }
        expect(201, send("POST", "/api/enrollment/screenings", site, Screening.eligible(SUBJECT, "S01").json()));
        expect(201, send("POST", "/api/enrollment/subjects/" + SUBJECT + "/enrolment", site, ENROLMENT));
        expect(201, send("POST", "/api/enrollment/screenings", site, Screening.eligible(SECOND, "S01").json()));
        expect(201, send("POST", "/api/enrollment/subjects/" + SECOND + "/enrolment", site, ENROLMENT));
        // the infusion service learns the enrolment from Kafka
        awaitStatus(201, () -> send("POST", "/api/infusion/lymphodepletions", site, lymphodepletion("S01", "CD19")));
        expect(201, send("POST", "/api/infusion/infusions", site, infusion("S01", "CD19")));
        Reply reported = expect(201, send("POST", "/api/safety/adverse-events", site, adverseEvent("S01")));
        adverseEventId = reported.json().path("adverseEventId").asText();
        assertThat(adverseEventId).isNotBlank();
        expect(201, send("POST", "/api/outcomes/subjects/" + SUBJECT + "/response-assessments", site,
                assessment("S01")));

        // every context has learnt the subject before a 404 of another site can mean anything
        for (String path : List.of("/api/enrollment/subjects/" + SUBJECT, "/api/infusion/subjects/" + SUBJECT
                + "/readiness", "/api/safety/subjects/" + SUBJECT + "/adverse-events",
                "/api/safety/adverse-events/" + adverseEventId, "/api/outcomes/subjects/" + SUBJECT + "/timeline")) {
            awaitStatus(200, () -> send("GET", path, site, null));
        }
        awaitStatus(200, () -> send("GET", "/api/outcomes/subjects/" + SECOND + "/timeline", site, null));
        await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> send("GET",
                "/api/outcomes/consort?site=S01", site, null).body().contains("\"enrolled\":2"));
        awaitStatus(200, () -> send("GET", "/api/safety/infused-subjects/" + SUBJECT,
                platform.token(Role.SAFETY_OFFICER, null), null));
        await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> send("GET",
                "/api/outcomes/subjects/" + SUBJECT + "/timeline", site, null).body().contains("demo-site-coordinator-S01"));

        callers.put("coord-S01", () -> platform.token(Role.SITE_COORDINATOR, "S01"));
        callers.put("coord-S02", () -> platform.token(Role.SITE_COORDINATOR, "S02"));
        callers.put("inv-S01", () -> platform.token(Role.INVESTIGATOR, "S01"));
        callers.put("safety", () -> platform.token(Role.SAFETY_OFFICER, null));
        callers.put("analyst", () -> platform.token(Role.ANALYST, null));
        callers.put("admin", () -> platform.token(Role.ADMIN, null));
        callers.put("no-token", () -> null);
        callers.put("expired", () -> crafted(c -> c.expirationTime(new Date(System.currentTimeMillis() - 3_600_000))
                .issueTime(new Date(System.currentTimeMillis() - 7_200_000)), platformKey()));
        callers.put("other-key", () -> crafted(c -> { }, otherKey()));
        callers.put("alg-none", () -> unsecured(claims(c -> { })));
        callers.put("wrong-iss", () -> crafted(c -> c.issuer("https://evil.example/auth"), platformKey()));
        callers.put("wrong-aud", () -> crafted(c -> c.audience("another-platform"), platformKey()));
        assertThat(callers.keySet()).containsExactlyElementsOf(COLUMNS);

        // the bad tokens' claims, without their flaw, pass: each is refused for its flaw only
        Reply control = send("POST", "/api/safety/adverse-events/" + adverseEventId + "/corrections",
                crafted(c -> { }, platformKey()),
                "{\"reason\":\"onset date as the site first had it\",\"onsetDate\":\"2026-11-23\"}");
        expect(201, control);
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void every_endpoint_answers_every_caller_as_the_access_rules_say_and_never_with_a_5xx() {
        List<Row> rows = rows();
        List<String> mismatches = new ArrayList<>();
        StringBuilder matrix = new StringBuilder(String.format("%-72s", "actual status (expected where different)"));
        COLUMNS.forEach(c -> matrix.append(String.format(" %-11s", c)));
        matrix.append('\n');
        int cells = 0;
        for (Row row : rows) {
            String path = row.path().replace("{AE}", adverseEventId);
            matrix.append(String.format("%-72s", abbreviate(row.name(), 72)));
            for (int i = 0; i < COLUMNS.size(); i++) {
                String column = COLUMNS.get(i);
                Expect expected = row.expected().get(i);
                long started = System.nanoTime();
                Reply reply;
                try {
                    reply = send(row.method(), path, callers.get(column).get(), row.body());
                } catch (UncheckedIOException first) {
                    // a cell that never answered (seen 3 times in ~10 CI runs, cause not found yet): said, then
                    // asked once more; the answer is checked as any other
                    System.out.printf("*** no answer: %s as %s after %d ms; asking again%n", row.name(), column,
                            (System.nanoTime() - started) / 1_000_000);
                    try {
                        reply = send(row.method(), path, callers.get(column).get(), row.body());
                    } catch (UncheckedIOException e) {
                        throw new IllegalStateException(row.name() + " as " + column + " after "
                                + (System.nanoTime() - started) / 1_000_000 + " ms", e);
                    }
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis > 3_000) {
                    System.out.printf("*** slow cell: %s as %s took %d ms (%d)%n", row.name(), column, millis,
                            reply.status());
                }
                cells++;
                String why = expected.mismatch(reply.status(), reply.body());
                String cell = Integer.toString(reply.status());
                if (why != null) {
                    cell += "(" + expected.code + ")!";
                    mismatches.add(row.name() + " as " + column + ": " + why + " (expected " + expected.code
                            + "): " + abbreviate(reply.status() + " " + reply.body(), 400));
                }
                matrix.append(String.format(" %-11s", cell));
            }
            matrix.append('\n');
        }
        System.out.printf("%n*** access matrix: %d endpoints x %d callers = %d cells, %d mismatches%n%s%n",
                rows.size(), COLUMNS.size(), cells, mismatches.size(), matrix);
        assertThat(mismatches).as("cells that answered otherwise than the access rules say").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // HTTP

    private Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.system().gatewayUrl() + path))
                // generous: on a loaded 2-core CI machine a cell has twice taken over 30 s (cause not found yet;
                // the slow-cell report above names any cell over 3 s); the matrix judges statuses, not time
                .timeout(Duration.ofSeconds(90));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        switch (method) {
            case "GET" -> request.header("Accept", "application/json, application/problem+json").GET();
            case "SVG" -> request.header("Accept", "image/svg+xml, application/problem+json").GET();
            case "SSE" -> request.header("Accept", "text/event-stream").GET();
            case "POST" -> request.header("Accept", "application/json, application/problem+json")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            default -> throw new IllegalArgumentException(method);
        }
        try {
            if ("SSE".equals(method)) {
                return stream(request.build());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stream's status line only; an open stream is closed at once, a refusal's body is read. */
    private Reply stream(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("stream " + request.uri(), e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = response.body()) {
            String body = response.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply("GET " + request.uri().getPath(), response.statusCode(), contentType, body);
        }
    }

    private static Reply expect(int status, Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        return reply;
    }

    private void awaitStatus(int status, Supplier<Reply> request) {
        Reply[] last = new Reply[1];
        try {
            await().atMost(READ_MODEL_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                last[0] = request.get();
                return last[0].status() == status;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + status + " within " + READ_MODEL_WAIT + "; last: " + last[0], e);
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    // ---------------------------------------------------------------------------------------------------------
    // tokens with one flaw each (LocalTokens' claims: sub, iss, aud, iat, exp, roles, sites)

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> flaw) {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("matrix-mallory")
                .issuer(platform.system().jwtIssuer())
                .audience(LocalTokens.AUDIENCE)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 3_600_000))
                .claim("roles", List.of("site-coordinator", "investigator", "safety-officer", "analyst", "admin"))
                .claim("sites", List.of("S01"));
        flaw.accept(claims);
        return claims.build();
    }

    private String crafted(Consumer<JWTClaimsSet.Builder> flaw, RSAPrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(LocalTokens.KEY_ID)
                    .type(JOSEObjectType.JWT).build(), claims(flaw));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWT: header {"alg":"none"}, the claims, an empty signature. */
    private static String unsecured(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private RSAPrivateKey platformKey() {
        return JwtKeys.load(platform.system().dataDir()).privateKey();
    }

    private RSAPrivateKey otherKey;

    private RSAPrivateKey otherKey() {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return otherKey;
    }

    // ---------------------------------------------------------------------------------------------------------
    // bodies (as in TrialPlatformIT and the README), valid so that only the access rules and the state decide

    private static final String SITE_S03 = "{\"siteId\":\"S03\",\"name\":\"Hospital S03\",\"country\":\"DE\"}";
    private static final String ENROLMENT = "{\"enrolledOn\":\"2026-11-21\"}";
    private static final String WITHDRAWAL = """
            {"withdrawnOn":"2026-11-30","reason":"guardian withdrew consent","survivalFollowUpAllowed":true}""";
    private static final String AMENDMENT = """
            {"version":"2.0","effectiveFrom":"2030-01-01","reason":"upper age raised to 21",
             "minAgeYears":1,"maxAgeYears":21,"cd19ExpressionAbovePercent":95,"cd22ExpressionAbovePercent":95,
             "mrdPositiveMoreThanMonths":3,"lanskyBelowAgeYears":16,"minLansky":50,"minKarnofsky":50,"maxEcog":2,
             "assentFromAgeYears":12,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0}""";
    private static final String AE_UPDATE = "{\"assessedOn\":\"2026-11-26\",\"outcome\":\"RECOVERING\"}";
    private static final String AE_CORRECTION = "{\"reason\":\"onset date was mistyped\",\"onsetDate\":\"2026-11-24\"}";
    private static final String AE_RECODING = """
            {"reason":"the site coded it wrongly","ctcaeTerm":"Febrile neutropenia","grade":3}""";

    private static String screening(String site) {
        return Screening.eligible(SUBJECT, site).json();
    }

    private static String lymphodepletion(String site, String product) {
        return """
                {"subjectId":"%s","siteId":"%s","beforeProduct":"%s",
                 "agents":[{"drug":"fludarabine","doseMgPerM2":30},{"drug":"cyclophosphamide","doseMgPerM2":500}],
                 "heightCm":128.0,"weightKg":26.4,"startedOn":"2026-11-21","lastDoseOn":"2026-11-22"}"""
                .formatted(SUBJECT, site, product);
    }

    private static String infusion(String site, String product) {
        return """
                {"subjectId":"%s","siteId":"%s","product":"%s","infusedAt":"2026-11-23T10:00:00Z",
                 "dose10e6CellsPerKg":2.5,"weightKg":26.4,"productLot":"LOT-%s-1"}"""
                .formatted(SUBJECT, site, product, product);
    }

    private static String adverseEvent(String site) {
        return """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Cytokine release syndrome","onsetDate":"2026-11-24",
                 "crs":{"maxTemperatureCelsius":39.2,"feverMaskingTreatmentGiven":false,"hypotension":true,
                        "vasopressors":[],"oxygenDevice":"NASAL_CANNULA","oxygenFlowLitresPerMinute":2},
                 "serious":true,"seriousnessCriteria":["HOSPITALISATION"],"relationshipToCarT":"definite",
                 "expected":true}""".formatted(SUBJECT, site);
    }

    private static String report(String recipient) {
        return "{\"recipient\":\"" + recipient + "\",\"sentAt\":\"" + Instant.now().minusSeconds(60) + "\"}";
    }

    private static String surveillance(String site) {
        return """
                {"siteId":"%s","syndrome":"ICANS","observedFrom":"2026-11-23","observedTo":"2026-11-30",
                 "observed":false}""".formatted(site);
    }

    private static String assessment(String site) {
        return """
                {"siteId":"%s","assessedOn":"2026-11-24","marrowBlastsPercent":1,"circulatingBlasts":false,
                 "extramedullaryDisease":false,"cnsStatus":"CNS1","ancPer10e9L":1.5,"plateletsPer10e9L":150,
                 "mrdPercent":0.5,"mrdDetectionLimitPercent":0.001,"investigatorResponse":"CR"}""".formatted(site);
    }

    private static String followUp(String site) {
        return "{\"siteId\":\"" + site + "\",\"knownAliveOn\":\"2026-11-28\"}";
    }

    private static String relapse(String site) {
        return "{\"siteId\":\"" + site + "\",\"detectedOn\":\"2026-11-29\",\"relapseSite\":\"MARROW\","
                + "\"cd19Positive\":false,\"cd22Positive\":true}";
    }

    private static String death(String site) {
        return "{\"siteId\":\"" + site + "\",\"diedOn\":\"2026-11-30\",\"cause\":\"DISEASE\"}";
    }
}
