package org.cartrial.gateway;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A service that is down is a 502 problem, not a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayUnreachableServiceTest {

    static final TestTokens TOKENS = TestTokens.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String closed = "http://127.0.0.1:" + freePort();
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", () -> closed);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    WebTestClient client;

    @Test
    void aServiceThatIsDownIsA502Problem() {
        client.get().uri("/api/enrollment/sites")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid())
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Bad Gateway")
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.detail").isEqualTo("The service behind this path cannot be reached.");
    }
}
