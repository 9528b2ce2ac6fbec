package org.cartrial.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Calls the services' REST APIs through the gateway's {@code /api} routes with the signed-in person's own access
 * token (the one the gateway relayed here): the services decide what this person may read and change.
 */
@Component
public class Api {

    /** An answer: its status, its JSON body (or a missing node), and the problem's field errors if it is one. */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's errors by field (the last part of a dotted path), in plain words. */
        public Map<String, List<String>> fieldErrors() {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            for (JsonNode error : body.path("errors")) {
                String field = error.path("field").asText("");
                String key = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(Words.problem(error));
            }
            return errors;
        }

        public String title() {
            String detail = body.path("detail").asText("");
            String title = body.path("title").asText("");
            return !detail.isBlank() ? detail : !title.isBlank() ? title : "The request was refused (" + status + ")";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final WebSettings settings;

    Api(ObjectMapper json, WebSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    public Answer get(String path) {
        return send(request(settings.apiUrl() + path).GET().build());
    }

    /** A GET of another server than the gateway (the authorization server's people), with the same token. */
    public Answer getAt(String url) {
        return send(request(url).GET().build());
    }

    public Answer post(String path, Object body) {
        return post(settings.apiUrl() + path, body, null);
    }

    public Answer post(String url, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = request(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body passed on as it comes (SVG curves, the safety stream). */
    public HttpResponse<InputStream> stream(String path, String accept) throws IOException, InterruptedException {
        return stream(path, accept, null);
    }

    /** A server-sent-event stream resumed after {@code lastEventId} (null: from now), as the browser asked. */
    public HttpResponse<InputStream> stream(String path, String accept, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(settings.apiUrl() + path).header("Accept", accept);
        if (lastEventId != null && lastEventId.matches("[0-9]{1,19}")) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public String authUrl() {
        return settings.authUrl();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : readOrMissing(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            return new Answer(502, json.createObjectNode().put("detail", "The platform did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, json.createObjectNode().put("detail", "interrupted"));
        }
    }

    private JsonNode readOrMissing(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static String token() {
        return ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken().getTokenValue();
    }
}
