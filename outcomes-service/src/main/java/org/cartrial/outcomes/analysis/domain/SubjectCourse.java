package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the outcomes read models know about one enrolled subject, as recorded (dates after any cut-off included):
 * the analysis decides what a given cut-off admits. Absent values are {@code null}; a subject never infused has no
 * CD19 infusion date. {@code crs} and {@code icans} hold what was recorded of each syndrome, dated, from which the
 * analysis reads the maximum grade as of its cut-off.
 */
public record SubjectCourse(String subjectId, String siteId, LocalDate cd19InfusionDate, LocalDate cd22InfusionDate,
        List<ResponseAssessment> assessments, Relapse relapse, LocalDate deathDate, LocalDate lastFollowUpDate,
        LocalDate withdrawalDate, SyndromeHistory crs, SyndromeHistory icans) {

    public SubjectCourse {
        Objects.requireNonNull(subjectId, "subjectId");
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
        crs = crs == null ? SyndromeHistory.NOT_REPORTED : crs;
        icans = icans == null ? SyndromeHistory.NOT_REPORTED : icans;
    }
}
