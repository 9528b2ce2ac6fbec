package org.cartrial.safety.adverseevent.domain;

import java.time.LocalDate;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * A site reports an adverse event of a subject; the id is the client's (for safe retries) or the server's.
 * {@code grade} is the typed CTCAE v5 grade, null for CRS and ICANS, whose grade is computed from {@code crs} or
 * {@code icans}. {@code serious} must agree with {@code seriousnessCriteria}. {@code outcome} null means
 * not recovered (fatal for grade 5).
 */
public record ReportAdverseEvent(
        @TargetAggregateIdentifier String adverseEventId,
        String subjectId,
        String siteId,
        String ctcaeTerm,
        String meddraCode,
        LocalDate onsetDate,
        Integer grade,
        CrsAssessment crs,
        IcansAssessment icans,
        boolean serious,
        Set<SeriousnessCriterion> seriousnessCriteria,
        RelationshipToCarT relationshipToCarT,
        boolean expected,
        AdverseEventOutcome outcome,
        LocalDate resolutionDate) {

    public ReportAdverseEvent {
        seriousnessCriteria = seriousnessCriteria == null ? Set.of() : Set.copyOf(seriousnessCriteria);
    }

    /** A report with a typed grade and no more than the first slice knew. */
    public static ReportAdverseEvent typed(String adverseEventId, String subjectId, String siteId, String ctcaeTerm,
            LocalDate onsetDate, int grade, Set<SeriousnessCriterion> seriousnessCriteria,
            RelationshipToCarT relationshipToCarT, boolean expected) {
        return new ReportAdverseEvent(adverseEventId, subjectId, siteId, ctcaeTerm, null, onsetDate, grade, null, null,
                !seriousnessCriteria.isEmpty(), seriousnessCriteria, relationshipToCarT, expected, null, null);
    }
}
