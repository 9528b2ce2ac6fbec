package org.cartrial.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cartrial.safety.SafetyServiceOnRealParts;
import org.cartrial.testsupport.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A benchmark, not a test (its name keeps it out of the default test run): the latency from an adverse-event POST
 * to its arrival on the safety-officer stream, over the whole path (command, event store on PostgreSQL, forwarder,
 * Kafka, the stream-log consumer, MongoDB wire server, SSE), one event at a time (closed loop), after a warm-up.
 * Run it with {@code benchmarks/safety-stream-latency.sh [events]}, or
 * {@code mvn -o -pl safety-service -am -Dtest=StreamLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.events=1000 test}; the figures go to stdout and to
 * {@code safety-service/target/benchmarks/stream-latency.txt}.
 */
class StreamLatencyBenchmark extends SafetyServiceOnRealParts {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 1000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 100);
    private static final int SUBJECTS = 20;
    private static final LocalDate ONSET = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Test
    void latency_from_post_to_stream() throws Exception {
        String site = "B01";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ENV.tokens().siteCoordinator(site));
        long[] endToEnd = new long[EVENTS];
        long[] post = new long[EVENTS];
        long started;
        try (SseClient stream = SseClient.open("http://127.0.0.1:" + port
                + "/api/safety/stream?site=" + site + "&kinds=reported", ENV.tokens().safetyOfficer(), null)) {
            stream.nextEvent("ready", Duration.ofSeconds(30));
            for (int i = 0; i < WARM_UP; i++) {
                measure(stream, headers, i, null, null);
            }
            started = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                measure(stream, headers, WARM_UP + i, endToEnd, post);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report(endToEnd, post, seconds);
    }

    private void measure(SseClient stream, HttpHeaders headers, int n, long[] endToEnd, long[] post)
            throws Exception {
        String body = """
                {"subjectId":"B01-%04d","siteId":"B01","ctcaeTerm":"Febrile neutropenia","onsetDate":"%s",
                 "grade":%d,"serious":false,"relationshipToCarT":"possible","expected":true}"""
                .formatted(n % SUBJECTS, ONSET, 1 + n % 4);
        long t0 = System.nanoTime();
        ResponseEntity<String> response = http.exchange("/api/safety/adverse-events", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
        long t1 = System.nanoTime();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(response.getBody()).get("adverseEventId").asText();
        stream.next(f -> "reported".equals(f.event()) && f.data() != null && f.data().contains(id),
                Duration.ofSeconds(30));
        long t2 = System.nanoTime();
        if (endToEnd != null) {
            int i = n - WARM_UP;
            endToEnd[i] = t2 - t0;
            post[i] = t1 - t0;
        }
    }

    private void report(long[] endToEnd, long[] post, double seconds) throws IOException {
        String command = "mvn -o -pl safety-service -am -Dtest=StreamLatencyBenchmark"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.events=" + EVENTS + " test";
        List<String> lines = new ArrayList<>();
        lines.add("Safety stream latency: adverse-event POST -> its SSE event on GET /api/safety/stream");
        lines.add("command: " + command + "   (or benchmarks/safety-stream-latency.sh " + EVENTS + ")");
        lines.add(String.format(Locale.ROOT, "events: %d measured after %d warm-up, one at a time; %d cores;"
                + " %.1f s, %.0f events/s", EVENTS, WARM_UP, Runtime.getRuntime().availableProcessors(), seconds,
                EVENTS / seconds));
        lines.add(String.format(Locale.ROOT, "%-26s %8s %8s %8s %8s %8s", "ms", "p50", "p90", "p99", "max",
                "mean"));
        lines.add(row("POST -> stream (end to end)", endToEnd));
        lines.add(row("POST alone (201 answered)", post));
        String text = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        System.out.println(text);
        Path file = Path.of("target", "benchmarks", "stream-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-26s %8.1f %8.1f %8.1f %8.1f %8.1f", name, ms(percentile(sorted, 50)),
                ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]),
                ms((long) Arrays.stream(sorted).average().orElse(0)));
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
