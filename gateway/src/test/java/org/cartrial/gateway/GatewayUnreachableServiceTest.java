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
        registry.add("INFUSION_URL", () -> "http://127.0.0.1:" + HANGING_UP.getLocalPort());
    }

    /** A service that dies while it holds the request: it reads the request, then resets the connection. */
    static final ServerSocket HANGING_UP = hangingUp();

    private static ServerSocket hangingUp() {
        try {
            ServerSocket server = new ServerSocket(0);
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket socket = server.accept()) {
                        socket.getInputStream().read(new byte[8192]);
                        socket.setSoLinger(true, 0); // RST, as the kernel sends for a process killed with SIGKILL
                    } catch (IOException e) {
                        // the next connection
                    }
                }
            }, "hanging-up-service");
            thread.setDaemon(true);
            thread.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    @Test
    void aServiceThatDiesBeforeItAnswersIsA502Problem() {
        // 502, not 500: a client sends the request again with its Idempotency-Key, as after any 502
        client.post().uri("/api/infusion/infusions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The service behind this path closed the connection before it answered.");
    }
}
