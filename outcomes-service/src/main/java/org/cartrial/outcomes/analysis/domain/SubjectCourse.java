package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the outcomes read models know about one enrolled subject, as recorded (dates after any cut-off included):
 * the analysis decides what a given cut-off admits. Absent values are {@code null}; a subject never infused has no
 * CD19 infusion date.
 */
public record SubjectCourse(String subjectId, String siteId, LocalDate cd19InfusionDate, LocalDate cd22InfusionDate,
        List<ResponseAssessment> assessments, Relapse relapse, LocalDate deathDate, LocalDate lastFollowUpDate,
        LocalDate withdrawalDate, Integer maxCrsGrade, Integer maxIcansGrade) {

    public SubjectCourse {
        Objects.requireNonNull(subjectId, "subjectId");
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
    }
}
