package org.cartrial.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A {@code text/event-stream} opened through the gateway, read line by line as it arrives. */
final class SseStream implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final Stream<String> body;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<Void> reader;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.body = response.body();
        this.reader = CompletableFuture.runAsync(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException ignored) {
                // closed by close()
            }
        });
    }

    static SseStream open(String url, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET().build();
        HttpResponse<Stream<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        return new SseStream(response);
    }

    int status() {
        return response.statusCode();
    }

    /** Waits for a line that matches; fails with every line seen so far. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(250, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (matches.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no matching line on the stream within " + timeout + "; seen: " + seen);
    }

    @Override
    public void close() {
        body.close(); // cancels the subscription: the connection is given up
        reader.cancel(true);
    }
}
