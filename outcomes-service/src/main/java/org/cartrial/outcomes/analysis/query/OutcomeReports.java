package org.cartrial.outcomes.analysis.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.Snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The analyses of a data cut-off as the API answers them, rendered in one place: the JSON an analyst reads is the
 * JSON a sealed cut-off hashes and reproduces. Field names follow the statistical reference (snake case), so an
 * answer compares with R's output directly.
 */
public class OutcomeReports {

    /** {@code recordedUpTo} is the position of the answer: ask again with it and the figures are the same. */
    public record AnalysisAnswer(LocalDate asOf, List<String> sites, String protocolVersion, int n,
            Instant recordedUpTo, int factsIncluded, OutcomeReport report) {
    }

    /** The answer's bytes, the facts it rests on and its figures. */
    public record Rendered(String json, Snapshot snapshot, OutcomeReport report) {
    }

    private final SubjectCourseProjection courses;
    private final ObjectMapper snakeCase;

    public OutcomeReports(SubjectCourseProjection courses, ObjectMapper objectMapper) {
        this.courses = courses;
        // snake_case field names and explicit nulls, as R's jsonlite writes them: a median not reached is null (NA)
        this.snakeCase = objectMapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    /**
     * The analyses as of {@code asOf} of the sites (null: all) from the facts recorded up to {@code recordedUpTo}
     * and read up to {@code position} (each null: all).
     */
    public Rendered render(LocalDate asOf, List<String> sites, Instant recordedUpTo, Map<String, Long> position) {
        Snapshot snapshot = courses.snapshot(sites, recordedUpTo, position);
        OutcomeReport report = OutcomeAnalysis.of(snapshot.enrolledCourses(), DataCutoff.of(asOf)).report();
        AnalysisAnswer answer = new AnalysisAnswer(asOf, sites, OutcomeAnalysis.ENDPOINT_VERSION,
                report.counts().infused(), snapshot.recordedUpTo(), snapshot.facts(), report);
        try {
            return new Rendered(snakeCase.writeValueAsString(answer), snapshot, report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the analyses could not be written as JSON", e);
        }
    }

    /** The mapper that wrote the answer, to read figures back from it (the difference view). */
    public ObjectMapper mapper() {
        return snakeCase;
    }
}
