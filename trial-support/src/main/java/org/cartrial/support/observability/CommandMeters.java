package org.cartrial.support.observability;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.cartrial.support.idempotency.IdempotencyKeyFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Times every command (a write under {@code /api}) as {@code trial.commands}, tagged with the command (method and
 * route pattern, never the raw path: subject ids would make a series each), the HTTP status, the outcome
 * ({@code accepted}, {@code replayed} for an Idempotency-Key answer given again, {@code refused}, {@code failed})
 * and the problem's rule when refused. Runs before Spring Security, so refusals for a missing token count too. It
 * also writes one log line per command (route pattern, status, outcome, rule, time: no subject data), which carries
 * the request's trace and request ids like every line.
 */
public class CommandMeters extends OncePerRequestFilter {

    /** Request attribute where the error handler leaves the rule of the problem it answered with. */
    public static final String PROBLEM_RULE = CommandMeters.class.getName() + ".rule";
    static final String METER = "trial.commands";
    private static final Logger log = LoggerFactory.getLogger(CommandMeters.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final MeterRegistry registry;

    public CommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timer.Sample sample = Timer.start(registry);
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        } finally {
            int status = thrown ? 500 : response.getStatus();
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            Object rule = request.getAttribute(PROBLEM_RULE);
            String command = request.getMethod() + " " + (pattern == null ? "unrouted" : pattern);
            String outcome = outcome(status, response);
            long nanos = sample.stop(Timer.builder(METER)
                    .description("Commands received over HTTP, by command, status, outcome and refusal rule")
                    .tag("command", command)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", outcome)
                    .tag("rule", rule == null ? "none" : rule.toString())
                    .publishPercentileHistogram()
                    // buckets from 1 ms to 30 s only: fewer series per command, the range a command can take
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
            log.info("{} -> {} {}{} in {} ms", command, status, outcome, rule == null ? "" : " (" + rule + ")",
                    nanos / 1_000_000);
        }
    }

    private static String outcome(int status, HttpServletResponse response) {
        if (status >= 500) {
            return "failed";
        }
        if (status >= 400) {
            return "refused";
        }
        return "true".equals(response.getHeader(IdempotencyKeyFilter.REPLAYED_HEADER)) ? "replayed" : "accepted";
    }
}
