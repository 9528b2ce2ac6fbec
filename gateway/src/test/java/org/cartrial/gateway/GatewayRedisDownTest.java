package org.cartrial.gateway;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The redis store with no Redis behind it: requests go through (the limiter fails open and logs it: the limit
 * protects the services, a Redis outage must not stop the sites' work), with {@code X-RateLimit-Remaining: -1},
 * and the gateway stays healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRedisDownTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final StubBackend BACKEND = new StubBackend();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", BACKEND::url);
        registry.add("TRIAL_RATE_LIMIT_STORE", () -> "redis");
        String closed = "redis://127.0.0.1:" + GatewayUnreachableServiceTest.freePort();
        registry.add("TRIAL_REDIS_URL", () -> closed);
        registry.add("TRIAL_RATE_LIMIT_PER_SECOND", () -> 1);
        registry.add("TRIAL_RATE_LIMIT_BURST", () -> 1);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void requestsGoThroughWhileRedisCannotBeReached() {
        String token = TOKENS.caller("jill", List.of("site-coordinator"), List.of("S01"));
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/enrollment/no-redis/" + i)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Seen-Path", "/api/enrollment/no-redis/" + i)
                    .expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
        }
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
