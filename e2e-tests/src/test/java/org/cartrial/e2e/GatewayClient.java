package org.cartrial.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Talks to the platform the way a site's browser or an analyst's script does: HTTP to the gateway only. */
final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path, String token) {
        return get(path, token, Map.of());
    }

    Reply get(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).GET());
    }

    Reply postJson(String path, String token, String json) {
        return postJson(path, token, json, Map.of());
    }

    Reply postJson(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request);
    }

    /** Sends exactly these bytes, whatever they are (malformed JSON, invalid UTF-8, huge bodies). */
    Reply postBytes(String path, String token, String contentType, byte[] body) {
        return send(request(path, token, Map.of()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Reply(built.method() + " " + built.uri().getPath(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
