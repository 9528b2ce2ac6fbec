package org.cartrial.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the four services: answers every path by echoing what arrived (path, Authorization, X-Request-Id
 * as response headers, the body as the body), and serves a server-sent-event stream at
 * {@code /api/safety/signals/stream} that holds its second event back until the test has seen the first one.
 */
final class StubBackend implements AutoCloseable {

    static final String STREAM_PATH = "/api/safety/signals/stream";
    /** How long the stream stays silent before its last event: longer than the gateway's response timeout in tests. */
    static final long QUIET_MILLIS = 1_500;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<String> seenPaths = new CopyOnWriteArrayList<>();
    volatile CountDownLatch firstEventSeenByClient = new CountDownLatch(1);

    StubBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        seenPaths.add(path);
        try (exchange) {
            if (path.equals(STREAM_PATH)) {
                stream(exchange);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getResponseHeaders();
            headers.set("X-Seen-Method", exchange.getRequestMethod());
            headers.set("X-Seen-Path", query == null ? path : path + "?" + query);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            headers.set("X-Seen-Authorization", authorization == null ? "<none>" : authorization);
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            headers.set("X-Seen-Request-Id", requestId == null ? "<none>" : requestId);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            headers.set("Content-Type", contentType == null ? "text/plain" : contentType);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        send(out, "1", "first");
        boolean released;
        try {
            released = firstEventSeenByClient.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            released = false;
        }
        // if the gateway buffered the stream, the client never saw the first event and this says so
        send(out, "2", released ? "second-after-first-was-received" : "second-but-first-never-arrived");
        sleep(QUIET_MILLIS);
        send(out, "3", "third-after-quiet");
    }

    private static void send(OutputStream out, String id, String data) throws IOException {
        out.write(("id:" + id + "\nevent:signal\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
