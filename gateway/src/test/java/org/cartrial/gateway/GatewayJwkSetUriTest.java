package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Production's way of checking tokens: by the identity provider's JWK set URI, not by a key file. The key file here
 * holds another key, so only the provider's keys can make a token pass (a passed token reaches the route, whose
 * service is down: 502).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayJwkSetUriTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final TestTokens OTHER_KEY = TestTokens.create();
    static final FakeIdentityProvider IDP = FakeIdentityProvider.start((RSAPublicKey) TOKENS.keyPair.getPublic());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + OTHER_KEY.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", () -> "http://127.0.0.1:" + GatewayUnreachableServiceTest.freePort());
        registry.add("TRIAL_JWT_JWK_SET_URI", IDP::jwkSetUri);
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopTheProvider() {
        IDP.server.stop(0);
    }

    @Autowired
    WebTestClient client;

    @Test
    void aTokenSignedWithTheProvidersKeyPassesAndAnotherKeyIsRefused() {
        expect(client, TOKENS.valid(), 502);
        assertThat(IDP.jwkSetRequests.get()).isPositive();
        expect(client, OTHER_KEY.valid(), 401);
        expect(client, null, 401);
    }

    static void expect(WebTestClient client, String token, int status) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/enrollment/sites");
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        request.exchange().expectStatus().isEqualTo(status);
    }
}
