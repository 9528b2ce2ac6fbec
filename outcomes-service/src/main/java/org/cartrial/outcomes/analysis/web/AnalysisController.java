package org.cartrial.outcomes.analysis.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.cartrial.api.SiteScope;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.Snapshot;
import org.cartrial.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The analyses as of a data cut-off (ORR, OS, DFS, CIR, CRS/ICANS), overall or for sites. Every answer states its
 * cut-off, protocol version, n and the moment up to which it includes recorded events ({@code recordedUpTo});
 * the same request with that {@code recordedUpTo} gives the same figures later, whatever was recorded since.
 * Field names follow the statistical reference (snake case), so an answer compares with R's output directly.
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/analyses")
@PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER', 'SITE_COORDINATOR', 'INVESTIGATOR')")
class AnalysisController {

    /** The endpoint definitions this service implements (protocol sections 5-6). */
    static final String ENDPOINT_VERSION = "1.0";

    /** {@code recordedUpTo} is the position of the answer: ask again with it and the figures are the same. */
    record AnalysisAnswer(LocalDate asOf, List<String> sites, String protocolVersion, int n, Instant recordedUpTo,
            int factsIncluded, OutcomeReport report) {
    }

    private final SubjectCourseProjection courses;
    private final ObjectMapper snakeCase;

    AnalysisController(SubjectCourseProjection courses, ObjectMapper objectMapper) {
        this.courses = courses;
        this.snakeCase = objectMapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @GetMapping
    ResponseEntity<String> analyses(
            @RequestParam(name = "asOf") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site,
            @RequestParam(name = "recordedUpTo", required = false) Instant recordedUpTo)
            throws JsonProcessingException {
        SiteScope scope = Caller.current().siteScope();
        List<String> sites = site;
        if (sites != null) {
            sites.forEach(Caller.current()::requireSite);
        } else if (!scope.allSites()) {
            sites = new ArrayList<>(scope.sites());
        }
        Snapshot snapshot = courses.snapshot(sites, recordedUpTo);
        OutcomeReport report = OutcomeAnalysis.of(snapshot.enrolledCourses(), DataCutoff.of(asOf)).report();
        AnalysisAnswer answer = new AnalysisAnswer(asOf, sites, ENDPOINT_VERSION, report.counts().infused(),
                snapshot.recordedUpTo(), snapshot.facts(), report);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(snakeCase.writeValueAsString(answer));
    }
}
