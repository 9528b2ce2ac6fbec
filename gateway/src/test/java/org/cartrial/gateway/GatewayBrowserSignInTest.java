package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The browser's side of the gateway: /app without a session is sent to sign in, the sign-in asks the authorization
 * server for a code with PKCE (S256), a change without the CSRF token is refused, and the /api routes keep their
 * bearer-token answers (a 401 problem, never a redirect to a sign-in page).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBrowserSignInTest {

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
        registry.add("WEB_APP_URL", BACKEND::url);
        registry.add("TRIAL_AUTH_PUBLIC_URL", () -> "http://auth.test:9000");
        registry.add("TRIAL_WEB_CLIENT_SECRET", () -> "test-secret");
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void aPageWithoutSignInIsSentToSignInAndTheSignInUsesPkce() {
        var toSignIn = client.get().uri("/app/subjects").accept(org.springframework.http.MediaType.TEXT_HTML).exchange()
                .expectStatus().is3xxRedirection().returnResult(String.class);
        assertThat(toSignIn.getResponseHeaders().getLocation()).hasToString("/oauth2/authorization/trial");

        var toAuthorize = client.get().uri("/oauth2/authorization/trial").exchange()
                .expectStatus().is3xxRedirection().returnResult(String.class);
        URI authorize = toAuthorize.getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith("http://auth.test:9000/oauth2/authorize?")
                .contains("response_type=code").contains("client_id=trial-web")
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("scope=openid");
        ResponseCookie session = toAuthorize.getResponseCookies().getFirst("TRIAL_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndNeverReachesTheWebApplication() {
        client.post().uri("/app/screening").header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .bodyValue("subjectId=S01-0001").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theApiStillAnswersBearerTokenProblemsNotSignInRedirects() {
        client.get().uri("/api/enrollment/subjects").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        String token = TOKENS.valid("site-coordinator");
        client.get().uri("/api/enrollment/subjects").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();
    }
}
