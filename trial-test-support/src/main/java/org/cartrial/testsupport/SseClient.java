package org.cartrial.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server-sent-events client for tests, as a browser's EventSource reads the stream: frames of {@code id:},
 * {@code event:}, {@code data:} lines ended by a blank line; comments ({@code :hb}) are kept as frames too.
 * Closing it drops the connection, as a client that goes away does.
 */
public final class SseClient implements AutoCloseable {

    /** One frame: an event (id, name, data) or a comment. */
    public record Frame(String id, String event, String data, String comment) {
        public boolean isComment() {
            return comment != null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Frame END = new Frame(null, null, null, null);

    private final int status;
    private final String errorBody;
    private final InputStream body;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    private SseClient(int status, String errorBody, InputStream body) {
        this.status = status;
        this.errorBody = errorBody;
        this.body = body;
    }

    /** Opens {@code url} with the bearer token and, if given, a Last-Event-ID. */
    public static SseClient open(String url, String token, String lastEventId) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                return new SseClient(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        null);
            }
        }
        SseClient client = new SseClient(200, null, response.body());
        Thread reader = new Thread(client::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    public int status() {
        return status;
    }

    public String errorBody() {
        return errorBody;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || event != null || id != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1)));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields
                        }
                    }
                }
            }
        } catch (IOException closed) {
            // the test closed the stream, or the server ended it
        } finally {
            frames.add(END);
        }
    }

    /** The next frame matching {@code wanted}, skipping others; fails after {@code timeout} or at the end. */
    public Frame next(Predicate<Frame> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame within " + timeout);
            }
            if (frame == END) {
                frames.add(END);
                throw new AssertionError("the stream ended");
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The next event frame of the given SSE event name. */
    public Frame nextEvent(String name, Duration timeout) throws InterruptedException {
        return next(f -> name.equals(f.event()), timeout);
    }

    /** Every frame received within {@code window}, ending early at the end of the stream. */
    public List<Frame> drain(Duration window) throws InterruptedException {
        List<Frame> drained = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                return drained;
            }
            if (frame == END) {
                frames.add(END);
                return drained;
            }
            drained.add(frame);
        }
    }

    @Override
    public void close() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }
}
