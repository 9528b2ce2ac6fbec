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
        assertThat(secrets.stringPropertyNames()).containsExactlyInAnyOrder("safety-officer", "analyst", "admin", "monitor",
                "site-coordinator-S01", "investigator-S01", "site-coordinator-S07", "investigator-S07");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // a restart with one more site keeps the secrets there are and adds the new site's
        TrialClients again = TrialClients.load(java.util.List.of("S01", "S07", "S08"), file);
        assertThat(again.byId("admin").orElseThrow().secret()).isEqualTo(secrets.getProperty("admin"));
        assertThat(secrets().stringPropertyNames()).contains("site-coordinator-S08", "investigator-S08");
        assertThat(secrets().getProperty("admin")).isEqualTo(secrets.getProperty("admin"));
    }

    // ---------------------------------------------------------------------------------------------------------

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
