package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Production's other way: the identity provider's issuer URI, whose OpenID metadata names the JWK set (asked at the
 * first token, not at start-up). Without TRIAL_JWT_ISSUER the issuer URI is the issuer the tokens must carry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIssuerUriTest {

    static final TestTokens TOKENS = TestTokens.create();
    static final TestTokens OTHER_KEY = TestTokens.create();
    static final FakeIdentityProvider IDP = FakeIdentityProvider.start((RSAPublicKey) TOKENS.keyPair.getPublic());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + OTHER_KEY.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", () -> "http://127.0.0.1:" + GatewayUnreachableServiceTest.freePort());
        registry.add("TRIAL_JWT_ISSUER_URI", IDP::issuer);
    }

    @AfterAll
    static void stopTheProvider() {
        IDP.server.stop(0);
    }

    @Autowired
    WebTestClient client;

    @Test
    void theIssuersMetadataNamesTheKeysAndTheIssuerIsChecked() {
        assertThat(IDP.metadataRequests.get()).as("not asked at start-up").isZero();
        String fromTheProvider = TOKENS.mint(SignatureAlgorithm.RS256,
                c -> c.issuer(IDP.issuer()).claim("roles", List.of("analyst")));
        GatewayJwkSetUriTest.expect(client, fromTheProvider, 502);
        assertThat(IDP.metadataRequests.get()).isPositive();
        // the provider's key, but another issuer: refused
        GatewayJwkSetUriTest.expect(client, TOKENS.valid(), 401);
        // the provider's issuer, another key: refused
        GatewayJwkSetUriTest.expect(client, OTHER_KEY.mint(SignatureAlgorithm.RS256,
                c -> c.issuer(IDP.issuer()).claim("roles", List.of("analyst"))), 401);
    }
}
