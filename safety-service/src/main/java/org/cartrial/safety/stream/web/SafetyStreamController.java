package org.cartrial.safety.stream.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.cartrial.api.SiteScope;
import org.cartrial.safety.stream.query.StreamFilter;
import org.cartrial.safety.stream.query.StreamKind;
import org.cartrial.safety.stream.query.StreamLog;
import org.cartrial.support.security.Caller;
import org.cartrial.support.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The safety-officer stream ({@code text/event-stream}): adverse events as they are reported, updated, corrected and
 * recoded, reporting-clock events and safety signals, each with its log sequence number as the SSE id. Safety
 * officers and administrators see every site; site coordinators and investigators their own sites' adverse events
 * (asking for another site is refused). Filters: {@code minGrade} (1-5), {@code seriousOnly}, {@code site}
 * (repeatable), {@code kinds} (reported, updated, corrected, recoded, deadline, signal). A client that reconnects
 * with {@code Last-Event-ID} (or {@code ?lastEventId=}) gets every matching entry after it, in order, once, then
 * the live ones; without it the stream starts at the present.
 */
@RestController
class SafetyStreamController {

    private static final String SITE = "[A-Z0-9]{2,10}";

    private final SafetyStreams streams;
    private final StreamLog streamLog;
    private final Clock clock;

    SafetyStreamController(SafetyStreams streams, StreamLog streamLog, Clock clock) {
        this.streams = streams;
        this.streamLog = streamLog;
        this.clock = clock;
    }

    @GetMapping(path = "/api/safety/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    SseEmitter stream(
            @RequestParam(required = false) @Min(1) @Max(5) Integer minGrade,
            @RequestParam(defaultValue = "false") boolean seriousOnly,
            @RequestParam(name = "site", required = false)
            List<@Pattern(regexp = SITE, message = "must be a site code of 2-10 capitals or digits") String> site,
            @RequestParam(required = false)
            List<@Pattern(regexp = StreamKind.CODES, message = "must be one of " + StreamKind.CODES) String> kinds,
            @RequestHeader(name = "Last-Event-ID", required = false)
            @Pattern(regexp = "[0-9]{1,18}", message = "must be the id of an event of this stream") String lastEventId,
            @RequestParam(name = "lastEventId", required = false)
            @Pattern(regexp = "[0-9]{1,18}", message = "must be the id of an event of this stream")
            String lastEventIdParameter) {
        Caller caller = Caller.current();
        SiteScope scope = caller.siteScope();
        Set<String> sites = site == null || site.isEmpty() ? null : new HashSet<>(site);
        if (!scope.allSites()) {
            if (sites != null && !scope.sites().containsAll(sites)) {
                throw new AccessDeniedException("caller " + caller.user() + " asked for sites outside its own");
            }
            sites = sites != null ? sites : scope.sites();
        }
        Set<StreamKind> wanted = EnumSet.allOf(StreamKind.class);
        if (kinds != null && !kinds.isEmpty()) {
            wanted = EnumSet.noneOf(StreamKind.class);
            for (String code : kinds) {
                wanted.add(StreamKind.fromCode(code).orElseThrow());
            }
        }
        StreamFilter filter = new StreamFilter(minGrade, seriousOnly, sites, wanted, scope.allSites());
        String resumeAfter = lastEventId != null ? lastEventId : lastEventIdParameter;
        long head = streamLog.head();
        long cursor = resumeAfter == null ? head : Math.min(Long.parseLong(resumeAfter), head);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return streams.open(filter, cursor, lifetime(authentication), authentication);
    }

    /** A stream lives no longer than the token it was opened with; the client reconnects with a fresh one. */
    private Duration lifetime(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.getToken().getExpiresAt() != null) {
            Duration left = Duration.between(Instant.now(clock), token.getToken().getExpiresAt());
            return left.isNegative() ? Duration.ofSeconds(1) : left;
        }
        return streams.settings().maxDuration();
    }

    @ExceptionHandler(SafetyStreams.CapacityExceeded.class)
    ResponseEntity<ProblemDetail> capacityExceeded(SafetyStreams.CapacityExceeded ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams",
                ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(streams.settings().reconnectDelay().toSeconds() + 1))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
