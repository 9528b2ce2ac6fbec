package org.cartrial.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the local authorization server, as any script of a site would be: a client-credentials request to its
 * token endpoint with the client's secret from the data folder ({@code DIR/auth/client-secrets.properties}, made by
 * the server at its first start). The client of a role is named after it ({@code analyst}); the site-bound roles
 * have one per site ({@code site-coordinator-S01}). Tokens are kept until a minute before they expire.
 */
public final class AuthorizationServerClient {

    public static final String TOKEN_PATH = "/oauth2/token";

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final URI tokenEndpoint;
    private final Path secretsFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private record Issued(String token, Instant renewAt) {
    }

    /** A problem getting a token that the caller can fix (wrong role or site, platform not running). */
    public static final class TokenUnavailable extends RuntimeException {
        TokenUnavailable(String message) {
            super(message);
        }

        TokenUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public AuthorizationServerClient(URI baseUrl, Path dataDir) {
        this.tokenEndpoint = baseUrl.resolve(TOKEN_PATH);
        this.secretsFile = secretsFile(dataDir);
    }

    public static Path secretsFile(Path dataDir) {
        return dataDir.resolve("auth").resolve("client-secrets.properties");
    }

    /** The client id of a role (and, for the site-bound ones, a site), e.g. {@code investigator-S01}. */
    public static String clientId(Role role, String site) {
        if (role.siteBound()) {
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("the role " + role.claim() + " acts for one site: give --site, e.g. S01");
            }
            return role.claim() + "-" + site;
        }
        return role.claim();
    }

    /** A valid access token of the role's client; a cross-site role ignores {@code site}. */
    public String token(Role role, String site) {
        String client = clientId(role, site);
        Issued current = issued.get(client);
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return current.token();
        }
        Issued fresh = request(client, secret(client));
        issued.put(client, fresh);
        return fresh.token();
    }

    /** The clients the server has secrets for (every role, and the site-bound roles of the configured sites). */
    public java.util.Set<String> knownClients() {
        return new TreeSet<>(secrets().stringPropertyNames());
    }

    private String secret(String client) {
        String secret = secrets().getProperty(client);
        if (secret == null) {
            throw new TokenUnavailable("the authorization server has no client '" + client + "' (it has "
                    + String.join(", ", knownClients()) + "); clients of more sites: start the platform with"
                    + " TRIAL_AUTH_SITES=S01,S02,... (or `up --sites`)");
        }
        return secret;
    }

    private Properties secrets() {
        if (!Files.exists(secretsFile)) {
            throw new TokenUnavailable("no client secrets at " + secretsFile + ": the authorization server makes them"
                    + " at its first start (./trial start)");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + secretsFile, e);
        }
        return properties;
    }

    private Issued request(String client, String secret) {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailable("the authorization server at " + tokenEndpoint + " does not answer (" + e
                    + "): is the platform running on this data folder? (./trial start, ./trial status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailable("interrupted while asking " + tokenEndpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new TokenUnavailable("the authorization server refused the client '" + client + "' ("
                    + response.statusCode() + " " + response.body() + ")");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.path("access_token").asText("");
            if (token.isEmpty()) {
                throw new TokenUnavailable("no access_token in the answer of " + tokenEndpoint + ": " + response.body());
            }
            long expiresIn = body.path("expires_in").asLong(300);
            Instant renewAt = Instant.now().plusSeconds(expiresIn).minus(RENEW_BEFORE_EXPIRY);
            return new Issued(token, renewAt);
        } catch (IOException e) {
            throw new TokenUnavailable("unreadable answer of " + tokenEndpoint + ": " + response.body(), e);
        }
    }
}
