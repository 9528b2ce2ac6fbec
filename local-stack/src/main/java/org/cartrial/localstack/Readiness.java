package org.cartrial.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** How the launcher tells that a process it started is ready to serve. */
sealed interface Readiness {

    boolean ready();

    /** What is being checked, for messages: {@code 127.0.0.1:9092} or the health URL. */
    String target();

    static Readiness of(Component component, String host, int port) {
        return component.hasHttpHealth()
                ? new HealthUp(URI.create("http://" + EmbeddedSystem.hostForUrl(host) + ":" + port + "/actuator/health"))
                : new AcceptsConnections(host, port);
    }

    /** Kafka and Mongo: their clients retry on their own, so an open port is enough to start the services. */
    record AcceptsConnections(String host, int port) implements Readiness {

        @Override
        public boolean ready() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String target() {
            return host + ":" + port;
        }
    }

    /** The services and the gateway: Spring Boot's health endpoint answers 200 with status UP. */
    record HealthUp(URI uri) implements Readiness {

        private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
        // one client for every check: each HttpClient owns a selector thread
        private static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1)).build();

        @Override
        public boolean ready() {
            try {
                HttpResponse<String> response = CLIENT.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && UP.matcher(response.body()).find();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public String target() {
            return uri.toString();
        }
    }
}
