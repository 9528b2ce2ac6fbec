package org.cartrial.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./trial rebuild CONTEXT READ-MODEL}: asks the service, through the gateway and as an admin, to rebuild one
 * read model from the start of its topics, and follows it with a progress bar and the replay speed.
 */
final class ReadModelRebuild {

    private final URI gateway;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    ReadModelRebuild(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    int run(String context, String readModel, PrintStream progress, PrintStream out)
            throws IOException, InterruptedException {
        String path = "/api/" + context + "/read-models/" + readModel;
        HttpResponse<String> started = send(HttpRequest.newBuilder(gateway.resolve(path + "/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() != 202) {
            System.err.println("the " + context + " service answered " + started.statusCode() + ": " + started.body());
            return 1;
        }
        while (true) {
            Thread.sleep(500);
            HttpResponse<String> answer = send(HttpRequest.newBuilder(gateway.resolve(path)).GET());
            JsonNode status = json.readTree(answer.body());
            String state = status.path("state").asText();
            long total = status.path("recordsToReplay").asLong();
            long done = status.path("recordsReplayed").asLong();
            progress.printf(Locale.ROOT, "\r[%s] %s %d/%d records, %.0f records/s   ", bar(done, total), state, done,
                    total, status.path("recordsPerSecond").asDouble());
            if (state.equals("DONE") || state.equals("FAILED")) {
                progress.println();
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(status));
                return state.equals("DONE") ? 0 : 1;
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String bar(long done, long total) {
        int filled = total == 0 ? 30 : (int) Math.min(30, 30 * done / total);
        return "#".repeat(filled) + ".".repeat(30 - filled);
    }
}
