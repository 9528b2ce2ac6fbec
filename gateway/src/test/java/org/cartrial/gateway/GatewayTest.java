package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The gateway as a running server in front of a stub of the four services: tokens are checked (RS256, key, issuer,
 * audience, expiry, a trial role), requests reach their service unchanged with the Authorization header, errors are
 * RFC 9457 problems, and server-sent events pass through event by event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final StubBackend BACKEND = new StubBackend();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", BACKEND::url);
        registry.add("INFUSION_URL", BACKEND::url);
        registry.add("SAFETY_URL", BACKEND::url);
        registry.add("OUTCOMES_URL", BACKEND::url);
        // shorter than the stub stream's quiet spell: a started stream must not be cut by the response timeout
        registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "1s");
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"enrollment", "infusion", "safety", "outcomes"})
    void aValidTokenReachesTheServiceWithPathAndAuthorizationUnchanged(String context) {
        String token = TOKENS.valid("site-coordinator");
        String path = "/api/" + context + "/subjects/S-0001?site=site-01";
        client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Seen-Path", path)
                .expectHeader().valueEquals("X-Seen-Method", "GET")
                .expectHeader().valueEquals("X-Seen-Authorization", "Bearer " + token)
                .expectHeader().exists("X-Request-Id")
                .expectBody().isEmpty();
    }

    @Test
    void aBodyIsPassedOnAndBack() {
        String json = "{\"subjectId\":\"S-0002\",\"grade\":3}";
        client.post().uri("/api/safety/adverse-events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("investigator"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Seen-Method", "POST")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(json);
    }

    @Test
    void theCallersRequestIdIsKeptAndAnUnsafeOneReplaced() {
        client.get().uri("/api/outcomes/curves/os")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid())
                .header("X-Request-Id", "site01-report-42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Seen-Request-Id", "site01-report-42")
                .expectHeader().valueEquals("X-Request-Id", "site01-report-42")
                .expectBody().isEmpty();

        var result = client.get().uri("/api/outcomes/curves/os")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid())
                .header("X-Request-Id", "<script>alert(1)</script>")
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();
        String seen = result.getResponseHeaders().getFirst("X-Seen-Request-Id");
        assertThat(seen).matches("[0-9a-f-]{36}");
        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly(seen);
    }

    static Stream<Arguments> refusedTokens() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        Map<String, Supplier<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("garbage", () -> "not-a-jwt");
        cases.put("three-part garbage", () -> "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        cases.put("expired", () -> TOKENS.mint(SignatureAlgorithm.RS256,
                c -> c.issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(10)))));
        cases.put("signed by another key", TestTokens::signedByOtherKey);
        cases.put("wrong issuer", () -> TOKENS.mint(SignatureAlgorithm.RS256, c -> c.issuer("https://evil.example/auth")));
        cases.put("wrong audience", () -> TOKENS.mint(SignatureAlgorithm.RS256, c -> c.audience(List.of("other-system"))));
        cases.put("no audience", () -> TOKENS.mint(SignatureAlgorithm.RS256, c -> c.claims(m -> m.remove("aud"))));
        cases.put("no expiry", () -> TOKENS.mint(SignatureAlgorithm.RS256, c -> c.claims(m -> m.remove("exp"))));
        cases.put("alg none", TestTokens::unsigned);
        cases.put("HS256 with the public key as secret", TOKENS::hmacWithPublicKey);
        cases.put("RS512 with the right key", () -> TOKENS.mint(SignatureAlgorithm.RS512, c -> { }));
        cases.put("signature of another token", () -> {
            String[] a = TOKENS.valid("admin").split("\\.");
            String[] b = TOKENS.valid("analyst").split("\\.");
            return a[0] + "." + a[1] + "." + b[2];
        });
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsA401ProblemAndNeverReachesTheService(String name, Supplier<String> token) {
        String path = "/api/enrollment/refused/" + name.replace(' ', '-');
        client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get())
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer"))
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://cartrial.org/problems/invalid-token")
                .jsonPath("$.code").isEqualTo("invalid-token")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.instance").isEqualTo(path);
        assertThat(BACKEND.seenPaths).doesNotContain(path);
    }

    @Test
    void noTokenIsA401ProblemWithAPlainBearerChallenge() {
        client.get().uri("/api/safety/adverse-events")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").isNotEmpty();
        client.get().uri("/api/safety/adverse-events")
                .header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    static Stream<Arguments> tokensWithoutATrialRole() {
        return Stream.of(
                Arguments.of("no roles claim", (Supplier<String>) () -> TOKENS.mint(SignatureAlgorithm.RS256,
                        c -> c.claims(m -> m.remove("roles")))),
                Arguments.of("empty roles", (Supplier<String>) () -> TOKENS.mint(SignatureAlgorithm.RS256,
                        c -> c.claim("roles", List.of()))),
                Arguments.of("unknown role", (Supplier<String>) () -> TOKENS.mint(SignatureAlgorithm.RS256,
                        c -> c.claim("roles", List.of("patient", "ADMIN")))),
                Arguments.of("roles as a string", (Supplier<String>) () -> TOKENS.mint(SignatureAlgorithm.RS256,
                        c -> c.claim("roles", "admin"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensWithoutATrialRole")
    void aValidTokenWithoutATrialRoleIsA403Problem(String name, Supplier<String> token) {
        String path = "/api/outcomes/forbidden/" + name.replace(' ', '-');
        client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get())
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isNotEmpty();
        assertThat(BACKEND.seenPaths).doesNotContain(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"site-coordinator", "investigator", "safety-officer", "analyst", "admin"})
    void eachTrialRolePassesTheCoarseCheck(String role) {
        client.get().uri("/api/infusion/infusions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("patient", role))
                .exchange()
                .expectStatus().isOk()
                .expectBody().isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthIsOpen(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoIsOpen() {
        client.get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().json("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/gateway/routes", "/", "/admin", "/apix/enrollment"})
    void everythingElseIsRefused(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("admin")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403);
    }

    @Test
    void anApiPathWithoutARouteIsA404Problem() {
        client.get().uri("/api/billing/invoices")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://cartrial.org/problems/not-found")
                .jsonPath("$.code").isEqualTo("not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.instance").isEqualTo("/api/billing/invoices");
    }

    @Test
    void serverSentEventsPassThroughEventByEvent() {
        BACKEND.firstEventSeenByClient = new java.util.concurrent.CountDownLatch(1);
        Flux<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + port)
                .get().uri(StubBackend.STREAM_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("safety-officer"))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { });

        StepVerifier.create(events)
                .assertNext(first -> {
                    assertThat(first.id()).isEqualTo("1");
                    assertThat(first.event()).isEqualTo("signal");
                    assertThat(first.data()).isEqualTo("first");
                    // only now may the stub send the rest: a buffering gateway would never get here in time
                    BACKEND.firstEventSeenByClient.countDown();
                })
                .assertNext(second -> assertThat(second.data()).isEqualTo("second-after-first-was-received"))
                .assertNext(third -> assertThat(third.data()).isEqualTo("third-after-quiet"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }
}
