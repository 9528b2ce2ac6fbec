package org.cartrial.support.consistency;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.support.web.FieldViolation;
import org.cartrial.support.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Read-your-writes across the trial's contexts, for every service in one place.
 * <ul>
 * <li>A request carrying {@value ConsistencyToken#HEADER} is served only once this service's read models have
 * applied the events it names (waiting at most {@code read-wait}); a request that waited in vain is served anyway,
 * marked {@value #STALE_HEADER}, as it would have been without the token.</li>
 * <li>A write answered 2xx carries the token of what the client has now seen: the request's token merged with the
 * Kafka positions of the events the write stored, once the forwarder has them on Kafka (waiting at most
 * {@code write-wait}; an answer without the positions of every event says so in {@value #PENDING_HEADER}: not
 * forwarded in time, or forwarded by another instance of the service, whose positions this one never learns).</li>
 * </ul>
 * It runs after authentication (no stranger makes the service wait) and outside the Idempotency-Key filter, whose
 * transaction must have committed before the forwarder can see the events.
 */
public class ConsistencyFilter extends OncePerRequestFilter {

    public static final String STALE_HEADER = "Trial-Consistency-Stale";
    public static final String PENDING_HEADER = "Trial-Consistency-Pending";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Logger log = LoggerFactory.getLogger(ConsistencyFilter.class);

    private final AppliedPositions applied;
    private final ForwardedEvents forwarded;
    private final WrittenEvents written;
    private final ForwarderSegments forwarder;
    private final String ownTopic;
    private final Duration readWait;
    private final Duration writeWait;
    private final ObjectMapper objectMapper;
    private final Timer readWaits;
    private final Timer writeWaits;
    private final Counter stale;
    private final Counter pending;

    public ConsistencyFilter(AppliedPositions applied, ForwardedEvents forwarded, WrittenEvents written,
            ForwarderSegments forwarder, String ownTopic, Duration readWait, Duration writeWait,
            ObjectMapper objectMapper, MeterRegistry meters) {
        this.ownTopic = ownTopic;
        this.applied = applied;
        this.forwarded = forwarded;
        this.written = written;
        this.forwarder = forwarder;
        this.readWait = readWait;
        this.writeWait = writeWait;
        this.objectMapper = objectMapper;
        this.readWaits = Timer.builder("trial.consistency.read.wait")
                .description("time a request carrying a consistency token waited for this service's read models")
                .register(meters);
        this.writeWaits = Timer.builder("trial.consistency.write.wait")
                .description("time a write waited for its events to be acknowledged by Kafka").register(meters);
        this.stale = Counter.builder("trial.consistency.stale")
                .description("requests served before their consistency token was applied (read-wait exceeded)")
                .register(meters);
        this.pending = Counter.builder("trial.consistency.pending")
                .description("write answers without the position of every event they stored").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsistencyToken seen;
        try {
            seen = ConsistencyToken.parse(request.getHeader(ConsistencyToken.HEADER));
        } catch (IllegalArgumentException e) {
            invalidToken(request, response, e.getMessage());
            return;
        }
        // A command decides from its own context's event store, always up to date, and from read models of the
        // other contexts: it need not wait for this service's consumers of its own topic (only a read does).
        ConsistencyToken awaited = WRITES.contains(request.getMethod()) && ownTopic != null ? seen.without(ownTopic)
                : seen;
        try {
            long waitStarted = System.nanoTime();
            boolean caughtUp = applied.await(awaited, readWait);
            if (!awaited.isEmpty()) {
                readWaits.record(System.nanoTime() - waitStarted, TimeUnit.NANOSECONDS);
            }
            if (!caughtUp) {
                stale.increment();
                log.warn("{} {}: read models had not applied {} after {}; served as they are",
                        request.getMethod(), request.getRequestURI(), seen, readWait);
                response.setHeader(STALE_HEADER, "true");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for read models", e);
        }
        if (!WRITES.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        List<WrittenEvents.Written> events;
        try (WrittenEvents.Scope scope = written.open()) {
            chain.doFilter(request, answer);
            events = scope.events();
        }
        ConsistencyToken token = seen;
        if (answer.getStatus() >= 200 && answer.getStatus() < 300 && !events.isEmpty()) {
            // an event whose subject's segment another instance's forwarder holds is not waited for here
            List<String> forwardedHere = events.stream().filter(e -> forwarder.forwardsHere(e.subjectId()))
                    .map(WrittenEvents.Written::eventId).toList();
            try {
                long waitStarted = System.nanoTime();
                ForwardedEvents.Result result = forwarded.await(forwardedHere, writeWait);
                writeWaits.record(System.nanoTime() - waitStarted, TimeUnit.NANOSECONDS);
                token = token.merge(result.token());
                if (!result.complete() || forwardedHere.size() < events.size()) {
                    pending.increment();
                    answer.setHeader(PENDING_HEADER, "true");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.setHeader(PENDING_HEADER, "true");
            }
        }
        if (!token.isEmpty()) {
            answer.setHeader(ConsistencyToken.HEADER, token.toString());
        }
        answer.copyBodyToResponse();
    }

    private void invalidToken(HttpServletRequest request, HttpServletResponse response, String rule)
            throws IOException {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-consistency-token",
                "The " + ConsistencyToken.HEADER + " header " + rule + ".");
        problem.setTitle("Invalid consistency token");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errors", List.of(new FieldViolation(ConsistencyToken.HEADER, "consistency-token-format",
                rule)));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
