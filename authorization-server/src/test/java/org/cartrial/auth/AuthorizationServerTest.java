package org.cartrial.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;

import org.cartrial.support.security.JwtSettings;
import org.cartrial.support.security.ServiceTokenCheck;
import org.cartrial.support.security.TrialRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local authorization server on a random port with a key pair of its own: client-credentials tokens for the
 * trial's clients carry the trial's claims, are signed by the key pair on disk and pass the services' own check; a
 * wrong secret or an unknown client is a 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // trial-support is on this test classpath only for its token check: none of a service's own parts
        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
                + "org.cartrial.support.TrialSupportAutoConfiguration,org.cartrial.support.axon.AxonSupportConfiguration,"
                + "org.cartrial.support.security.ServiceSecurityConfiguration,"
                + "org.cartrial.support.consistency.ConsistencyConfiguration,org.cartrial.support.apidoc.ApiDocumentation,"
                + "org.cartrial.support.web.RejectedRequestProblems,"
                + "org.cartrial.support.observability.ObservabilityConfiguration"})
class AuthorizationServerTest {

    static final String ISSUER = "https://trial.test/auth";
    static final String AUDIENCE = "cartrial-platform";
    static final Path DATA = newDataFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    AuthSettings settings;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_DATA_DIR", DATA::toString);
        registry.add("TRIAL_JWT_ISSUER", () -> ISSUER);
        registry.add("TRIAL_AUTH_SITES", () -> "S01,S07");
        registry.add("AUTH_SERVER_PORT", () -> "0");
    }

    @Test
    void aSiteCoordinatorGetsATokenWithTheTrialsClaims() throws Exception {
        HttpResponse<String> response = tokenRequest("site-coordinator-S07", secret("site-coordinator-S07"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isBetween(3500L, 3600L);

        Jwt jwt = NimbusJwtDecoder.withPublicKey(publicKey()).build().decode(body.path("access_token").asText());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", "local");
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
        assertThat(jwt.getSubject()).isEqualTo("site-coordinator-S07");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("site-coordinator");
        assertThat(jwt.getClaimAsStringList("sites")).containsExactly("S07");
        assertThat(jwt.getExpiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void aCrossSiteRoleHasNoSites() throws Exception {
        for (String client : new String[] {"safety-officer", "analyst", "admin"}) {
            HttpResponse<String> response = tokenRequest(client, secret(client));
            assertThat(response.statusCode()).as(client + ": " + response.body()).isEqualTo(200);
            Jwt jwt = NimbusJwtDecoder.withPublicKey(publicKey()).build()
                    .decode(json.readTree(response.body()).path("access_token").asText());
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly(client);
            assertThat(jwt.getClaimAsStringList("sites")).isEmpty();
        }
    }

    @Test
    void theServicesOwnCheckAcceptsItsTokens() throws Exception {
        String token = accessToken("investigator-S01");
        JwtSettings service = new JwtSettings(new FileSystemResource(DATA.resolve("keys/jwt-public.pem")), ISSUER, AUDIENCE);
        ServiceTokenCheck.Seen seen = ServiceTokenCheck.check(service, token);
        assertThat(seen.caller().user()).isEqualTo("investigator-S01");
        assertThat(seen.caller().roles()).containsExactly(TrialRole.INVESTIGATOR);
        assertThat(seen.caller().sites()).containsExactly("S01");
        assertThat(seen.caller().mayActFor("S01")).isTrue();
        assertThat(seen.caller().mayActFor("S07")).isFalse();
        assertThat(seen.authorities()).containsExactly("ROLE_INVESTIGATOR");

        // and refuses them where another issuer or audience is expected
        JwtSettings otherIssuer = new JwtSettings(service.publicKeyLocation(), "https://elsewhere/auth", AUDIENCE);
        assertThatThrownBy(() -> ServiceTokenCheck.check(otherIssuer, token)).isInstanceOf(JwtException.class);
        JwtSettings otherAudience = new JwtSettings(service.publicKeyLocation(), ISSUER, "another-platform");
        assertThatThrownBy(() -> ServiceTokenCheck.check(otherAudience, token)).isInstanceOf(JwtException.class);
    }

    @Test
    void theServicesCheckByJwkSetUriAcceptsItsTokensToo() throws Exception {
        String token = accessToken("analyst");
        JwtSettings byJwkSet = new JwtSettings(null, ISSUER, AUDIENCE, null, "http://127.0.0.1:" + port + "/oauth2/jwks");
        ServiceTokenCheck.Seen seen = ServiceTokenCheck.check(byJwkSet, token);
        assertThat(seen.caller().roles()).containsExactly(TrialRole.ANALYST);
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsRefused() throws Exception {
        HttpResponse<String> wrongSecret = tokenRequest("admin", "not-the-secret");
        assertThat(wrongSecret.statusCode()).as(wrongSecret.body()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("invalid_client").doesNotContain("access_token");

        HttpResponse<String> unknown = tokenRequest("site-coordinator-S99", secret("site-coordinator-S01"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(401);

        HttpResponse<String> anotherClientsSecret = tokenRequest("admin", secret("analyst"));
        assertThat(anotherClientsSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheTokenEndpointAndHealthAreOpen() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(url("/actuator/env")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isIn(401, 403);
    }

    @Test
    void theSecretsAreMadeOnceAndReadableOnlyByTheirOwner() throws Exception {
        Path file = DATA.resolve("auth/client-secrets.properties");
        Properties secrets = secrets();
        assertThat(secrets.stringPropertyNames()).containsExactlyInAnyOrder("safety-officer", "analyst", "admin",
                "monitor", "site-coordinator-S01", "investigator-S01", "site-coordinator-S07", "investigator-S07",
                "trial-web");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // a restart with one more site keeps the secrets there are and adds the new site's
        TrialClients again = TrialClients.load(java.util.List.of("S01", "S07", "S08"), file);
        assertThat(again.byId("admin").orElseThrow().secret()).isEqualTo(secrets.getProperty("admin"));
        assertThat(secrets().stringPropertyNames()).contains("site-coordinator-S08", "investigator-S08");
        assertThat(secrets().getProperty("admin")).isEqualTo(secrets.getProperty("admin"));
    }

    @Test
    void aPersonSignsInWithTheAuthorizationCodeAndPkceAndTheTokenNamesThem() throws Exception {
        Browser browser = new Browser();
        String verifier = "verifier-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
        HttpResponse<String> toLogin = browser.get(authorizeUrl(challenge(verifier)));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String sessionBefore = browser.cookie("TRIAL_AUTH_SESSION");
        assertThat(sessionBefore).isNotNull();

        HttpResponse<String> signedIn = browser.signIn("coordinator.s07", password("coordinator.s07"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        // session fixation: signing in gives the browser a new session id
        assertThat(browser.cookie("TRIAL_AUTH_SESSION")).isNotNull().isNotEqualTo(sessionBefore);

        HttpResponse<String> withCode = browser.get(URI.create(signedIn.headers().firstValue("Location").orElseThrow()));
        assertThat(withCode.statusCode()).isEqualTo(302);
        String redirect = withCode.headers().firstValue("Location").orElseThrow();
        assertThat(redirect).startsWith(REDIRECT + "?code=").contains("state=st4te");
        String code = redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");

        // the code without the PKCE verifier is refused, and then the code is spent
        HttpResponse<String> noVerifier = codeRequest(code, null);
        assertThat(noVerifier.statusCode()).as(noVerifier.body()).isEqualTo(400);

        // a fresh sign-in (the browser's session is kept: no second password) with the verifier gets the tokens
        String verifier2 = verifier + "-2";
        HttpResponse<String> again = browser.get(authorizeUrl(challenge(verifier2)));
        assertThat(again.statusCode()).isEqualTo(302);
        String code2 = again.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> tokens = codeRequest(code2, verifier2);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String accessToken = json.readTree(tokens.body()).path("access_token").asText();
        Jwt jwt = NimbusJwtDecoder.withPublicKey(publicKey()).build().decode(accessToken);
        assertThat(jwt.getSubject()).isEqualTo("coordinator.s07");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("site-coordinator");
        assertThat(jwt.getClaimAsStringList("sites")).containsExactly("S07");
        assertThat(json.readTree(tokens.body()).path("id_token").asText()).isNotBlank();

        // the services' own check reads the person as the caller
        JwtSettings service = new JwtSettings(new FileSystemResource(DATA.resolve("keys/jwt-public.pem")), ISSUER, AUDIENCE);
        ServiceTokenCheck.Seen seen = ServiceTokenCheck.check(service, accessToken);
        assertThat(seen.caller().user()).isEqualTo("coordinator.s07");
        assertThat(seen.caller().mayActFor("S07")).isTrue();
        assertThat(seen.caller().mayActFor("S01")).isFalse();

        // the code cannot be used twice
        assertThat(codeRequest(code2, verifier2).statusCode()).isEqualTo(400);
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        Browser browser = new Browser();
        browser.get(authorizeUrl(challenge("whatever-verifier-long-enough-for-the-rule-0123456789")));
        HttpResponse<String> signedIn = browser.signIn("analyst", password("analyst"));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> noChallenge = browser.get(URI.create(url("/oauth2/authorize") + "?response_type=code&client_id=trial-web"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=st4te"));
        assertThat(noChallenge.headers().firstValue("Location").orElse("")).doesNotContain("code=")
                .contains("error=invalid_request");
    }

    @Test
    void aWrongPasswordOrAMissingCsrfTokenDoesNotSignIn() throws Exception {
        Browser browser = new Browser();
        browser.get(authorizeUrl(challenge("whatever-verifier-long-enough-for-the-rule-0123456789")));
        HttpResponse<String> wrong = browser.signIn("coordinator.s01", "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElse("")).contains("/login?error");

        HttpResponse<String> noCsrf = browser.post("/login", "username=coordinator.s01&password="
                + URLEncoder.encode(password("coordinator.s01"), StandardCharsets.UTF_8));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
    }

    @Test
    void theUsersAreMadeOnceReadableOnlyByTheirOwnerAndAnAdminAddsMore() throws Exception {
        Path file = DATA.resolve("auth/users.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties users = users();
        assertThat(users.stringPropertyNames()).contains("admin", "safety.officer", "analyst", "coordinator.s01",
                "investigator.s01", "coordinator.s07", "investigator.s07");

        String body = "{\"name\":\"coordinator2.s07\",\"role\":\"site-coordinator\",\"site\":\"S07\"}";
        HttpResponse<String> byAnalyst = http.send(HttpRequest.newBuilder(url("/admin/users"))
                .header("Authorization", "Bearer " + accessToken("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byAnalyst.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url("/admin/users"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(401, 403);

        HttpResponse<String> byAdmin = http.send(HttpRequest.newBuilder(url("/admin/users"))
                .header("Authorization", "Bearer " + accessToken("admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        String password = json.readTree(byAdmin.body()).path("password").asText();
        assertThat(password).isEqualTo(password("coordinator2.s07"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // the new person signs in at once, no restart
        Browser browser = new Browser();
        browser.get(authorizeUrl(challenge("whatever-verifier-long-enough-for-the-rule-0123456789")));
        HttpResponse<String> signedIn = browser.signIn("coordinator2.s07", password);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).contains("/oauth2/authorize");

        HttpResponse<String> twice = http.send(HttpRequest.newBuilder(url("/admin/users"))
                .header("Authorization", "Bearer " + accessToken("admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).isEqualTo(409);
        HttpResponse<String> siteless = http.send(HttpRequest.newBuilder(url("/admin/users"))
                .header("Authorization", "Bearer " + accessToken("admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"someone\",\"role\":\"investigator\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(siteless.statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------------------------------

    static final String REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/trial";

    private URI authorizeUrl(String challenge) {
        return URI.create(url("/oauth2/authorize") + "?response_type=code&client_id=trial-web&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=st4te&code_challenge="
                + challenge + "&code_challenge_method=S256");
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private HttpResponse<String> codeRequest(String code, String verifier) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("trial-web:" + secret("trial-web")).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + (verifier == null ? "" : "&code_verifier=" + verifier);
        return http.send(HttpRequest.newBuilder(url("/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String password(String user) throws IOException {
        return users().getProperty(user).split(";", 3)[2];
    }

    private Properties users() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(DATA.resolve("auth/users.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** A browser in the small: cookies kept, redirects not followed, HTML asked for. */
    private final class Browser {
        final java.net.CookieManager cookies = new java.net.CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(URI uri) throws Exception {
            return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            String page = get(url("/login")).body();
            String csrf = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
            return post("/login", "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    private String accessToken(String client) throws Exception {
        HttpResponse<String> response = tokenRequest(client, secret(client));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenRequest(String client, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(url("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String secret(String client) throws IOException {
        return secrets().getProperty(client);
    }

    private Properties secrets() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(settings.clientSecretsFile())) {
            properties.load(in);
        }
        return properties;
    }

    private static RSAPublicKey publicKey() throws Exception {
        String pem = Files.readString(DATA.resolve("keys/jwt-public.pem"))
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** A data folder with a key pair in the launcher's layout (keys/jwt-public.pem, keys/jwt-private.pem). */
    private static Path newDataFolder() {
        try {
            Path data = Files.createTempDirectory("auth-server-test");
            Path keys = Files.createDirectories(data.resolve("keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(keys.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + mime.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Files.writeString(keys.resolve("jwt-private.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + mime.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return data;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
