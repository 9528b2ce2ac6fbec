package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Paths the firewall rejects are answered with a 400 problem, and a request line over 4 KB with a 414 problem; sent
 * as raw bytes so nothing re-encodes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRejectedRequestTest {

    static final TestTokens TOKENS = TestTokens.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", () -> "http://127.0.0.1:" + GatewayUnreachableServiceTest.freePort());
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/enrollment/subjects/..%2F..%2Factuator/enrolment",
            "/api/enrollment/subjects/%00/enrolment", "/api/enrollment/subjects/a%5Cb/enrolment"})
    void aPathTheFirewallRejectsIsA400Problem(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKENS.valid())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").contains("rejected");
    }

    @ParameterizedTest
    @ValueSource(ints = {4097, 20_000})
    void aRequestLineOver4KbIsA414Problem(int length) throws Exception {
        HttpResponse<String> response = get(length);

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":414").contains("4096 bytes").doesNotContain("xxxxxxxx");
    }

    @Test
    void aRequestLineOf4KbIsServed() throws Exception {
        // the enrollment service is not there: 502 is what a request line the gateway accepts gets here
        assertThat(get(4096).statusCode()).isEqualTo(502);
    }

    /** A GET whose request line ("GET " + path and query + " HTTP/1.1") is exactly {@code length} bytes. */
    private HttpResponse<String> get(int length) throws Exception {
        String path = "/api/enrollment/subjects?site=";
        String target = path + "x".repeat(length - "GET ".length() - " HTTP/1.1".length() - path.length());
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + target)).header("Authorization", "Bearer " + TOKENS.valid())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
