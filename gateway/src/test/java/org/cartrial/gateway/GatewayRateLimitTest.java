package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.Disposable;

/**
 * The per-caller request budget at the running gateway, with the memory store and a tight limit (1 a second, bursts
 * of 3): a site over its burst gets 429 problems with {@code Retry-After} while other sites and users go on, the
 * budget comes back after the window, and a server-sent-event stream is not cut when its site runs out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRateLimitTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final StubBackend BACKEND = new StubBackend();
    static final int PER_SECOND = 1;
    static final int BURST = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", BACKEND::url);
        registry.add("INFUSION_URL", BACKEND::url);
        registry.add("SAFETY_URL", BACKEND::url);
        registry.add("OUTCOMES_URL", BACKEND::url);
        registry.add("TRIAL_RATE_LIMIT_STORE", () -> "memory");
        registry.add("TRIAL_RATE_LIMIT_PER_SECOND", () -> PER_SECOND);
        registry.add("TRIAL_RATE_LIMIT_BURST", () -> BURST);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    RateLimiter<?> rateLimiter;

    static String coordinator(String subject, String... sites) {
        return TOKENS.caller(subject, List.of("site-coordinator"), List.of(sites));
    }

    EntityExchangeResult<byte[]> get(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody().returnResult();
    }

    /**
     * Requests with the tokens in turn until the first refusal, and returns it. The tokens left in the budget must
     * pass first: the bucket refills 1 token a second, so a slow machine may let one or two more through, never
     * fewer.
     */
    EntityExchangeResult<byte[]> exhaust(int left, String pathPrefix, String... tokens) {
        long started = System.nanoTime();
        for (int i = 0; i < left + 10; i++) {
            String path = pathPrefix + i;
            EntityExchangeResult<byte[]> result = get(path, tokens[i % tokens.length]);
            if (result.getStatus().value() == 429) {
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                assertThat(i).as("requests let through before the first 429").isBetween(left, left + (int) seconds + 1);
                assertThat(BACKEND.seenPaths).as("a refused request never reaches the service").doesNotContain(path);
                return result;
            }
            assertThat(result.getStatus().value()).as(path).isEqualTo(200);
        }
        throw new AssertionError("no 429 after " + (left + 10) + " requests");
    }

    static JsonNode json(EntityExchangeResult<byte[]> result) {
        try {
            return new ObjectMapper().readTree(result.getResponseBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStoreIsMemoryHere() {
        assertThat(rateLimiter).isInstanceOf(InMemoryRateLimiter.class);
    }

    @Test
    void aSiteOverItsBurstGets429ProblemsWhileOtherSitesAndUsersGoOn() {
        // two coordinators of the same site share its budget
        EntityExchangeResult<byte[]> refused = exhaust(BURST, "/api/enrollment/limited/S01/",
                coordinator("carol", "S01"), coordinator("dave", "S01"));

        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo(Integer.toString(BURST));
        assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo(Integer.toString(PER_SECOND));
        assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
        JsonNode problem = json(refused);
        assertThat(problem.path("type").asText()).isEqualTo("https://cartrial.org/problems/too-many-requests");
        assertThat(problem.path("code").asText()).isEqualTo("too-many-requests");
        assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText())
                .contains("site S01")
                .contains("1 request a second, in bursts of up to 3")
                .contains("Retry after 1 second");
        assertThat(problem.path("instance").asText()).startsWith("/api/enrollment/limited/S01/");

        // another site, on another service too: a fresh budget
        for (String path : List.of("/api/enrollment/other/S02", "/api/outcomes/other/S02")) {
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + coordinator("erin", "S02"))
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists("X-RateLimit-Remaining")
                    .expectHeader().valueEquals("X-Seen-Path", path);
        }
        // a cross-site role is charged to the user, not to the site in the token
        client.get().uri("/api/outcomes/analyst/S01")
                .header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + TOKENS.caller("frank", List.of("analyst"), List.of("S01")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(BURST - 1));
    }

    @Test
    void aCallerOfSeveralSitesIsChargedToTheSiteTheRequestNames() {
        String both = TOKENS.caller("gina", List.of("investigator"), List.of("S05", "S04"));
        exhaust(BURST, "/api/outcomes/consort/S05/?site=S05&n=", both);
        // the same caller for the other site, named or by default (the first in sorted order): still allowed
        client.get().uri("/api/outcomes/consort?site=S04")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + both).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/outcomes/consort")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + both).exchange()
                .expectStatus().isOk();
    }

    @Test
    void theBudgetComesBackAfterTheWindow() throws InterruptedException {
        String token = coordinator("hank", "S06");
        EntityExchangeResult<byte[]> refused = exhaust(BURST, "/api/infusion/window/S06/", token);
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter) + 100);
        client.get().uri("/api/infusion/window/S06/after")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Seen-Path", "/api/infusion/window/S06/after");
    }

    @Test
    void unauthenticatedRequestsAre401sAndDrawOnNoBudget() {
        for (int i = 0; i < BURST + 3; i++) {
            client.get().uri("/api/safety/adverse-events").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining");
        }
    }

    @Test
    void aStreamIsOneRequestAndIsNotCutWhenItsSiteRunsOut() throws InterruptedException {
        String token = TOKENS.caller("ivy", List.of("investigator"), List.of("S03"));
        BACKEND.firstEventSeenByClient = new CountDownLatch(1);
        BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
        CountDownLatch completed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Disposable subscription = WebClient.create("http://127.0.0.1:" + port)
                .get().uri(StubBackend.STREAM_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .subscribe(events::add, e -> {
                    failure.set(e);
                    completed.countDown();
                }, completed::countDown);
        try {
            ServerSentEvent<String> first = events.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.data()).isEqualTo("first");

            // the stream took one token; the site now runs out while the stream is open
            exhaust(BURST - 1, "/api/safety/while-streaming/S03/", token);
            BACKEND.firstEventSeenByClient.countDown();

            assertThat(completed.await(15, TimeUnit.SECONDS)).as("stream completed").isTrue();
            assertThat(failure.get()).isNull();
            assertThat(events).extracting(ServerSentEvent::data)
                    .containsExactly("second-after-first-was-received", "third-after-quiet");
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void healthIsNotLimited() {
        for (int i = 0; i < BURST + 3; i++) {
            client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        }
    }
}
