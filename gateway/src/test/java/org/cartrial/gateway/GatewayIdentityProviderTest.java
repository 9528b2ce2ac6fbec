package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Production's way of checking tokens: by the identity provider's JWK set URI or by its issuer URI (OpenID
 * metadata), not by a key file. The key file here holds another key, so only the provider's keys can make a token
 * pass (a passed token reaches the route, whose service is down: 502).
 */
class GatewayIdentityProviderTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final TestTokens OTHER_KEY = TestTokens.create();
    static final FakeIdentityProvider IDP = FakeIdentityProvider.start((RSAPublicKey) TOKENS.keyPair.getPublic());

    @AfterAll
    static void stopTheProvider() {
        IDP.server.stop(0);
    }

    static void common(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + OTHER_KEY.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", () -> "http://127.0.0.1:" + GatewayUnreachableServiceTest.freePort());
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class ByJwkSetUri {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry);
            registry.add("TRIAL_JWT_JWK_SET_URI", IDP::jwkSetUri);
            registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
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
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class ByIssuerUri {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry);
            registry.add("TRIAL_JWT_ISSUER_URI", IDP::issuer);
            // TRIAL_JWT_ISSUER not set: the issuer URI is the issuer the tokens must carry
        }

        @Autowired
        WebTestClient client;

        @Test
        void theIssuersMetadataNamesTheKeysAndTheIssuerIsChecked() {
            String fromTheProvider = TOKENS.mint(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256,
                    c -> c.issuer(IDP.issuer()).claim("roles", java.util.List.of("analyst")));
            expect(client, fromTheProvider, 502);
            assertThat(IDP.metadataRequests.get()).isPositive();
            // the same key, but the issuer of the key-file setup: refused
            expect(client, TOKENS.valid(), 401);
        }
    }

    static void expect(WebTestClient client, String token, int status) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/enrollment/sites");
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        request.exchange().expectStatus().isEqualTo(status);
    }
}
