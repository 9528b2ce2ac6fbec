package org.cartrial.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;

/**
 * Events of the enrollment, outcomes and safety contexts as the readiness read model receives them, for this
 * module's tests (the one place that knows their constructors).
 */
public final class ClinicalEventExamples {

    private ClinicalEventExamples() {
    }

    public static PatientEnrolled enrolled(String subjectId, String siteId, LocalDate on) {
        return new PatientEnrolled(subjectId, siteId, on, on.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "1.0");
    }

    public static PatientWithdrawn withdrawn(String subjectId, String siteId, LocalDate on) {
        return new PatientWithdrawn(subjectId, siteId, on, on.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                "guardian's decision", true);
    }

    /** A marrow assessment; an MRD-negative one has 0.0005% MRD, an MRD-positive one 0.5% (limit 0.001%). */
    public static ResponseAssessed assessed(String subjectId, String siteId, String assessmentId, LocalDate on,
            Instant recordedAt, ResponseCategory derived, Boolean mrdNegative) {
        BigDecimal mrd = mrdNegative == null ? null : new BigDecimal(mrdNegative ? "0.0005" : "0.5");
        return new ResponseAssessed(subjectId, siteId, on, recordedAt, assessmentId, new BigDecimal("2"), false,
                false, "CNS1", new BigDecimal("1.2"), new BigDecimal("150"), mrd, new BigDecimal("0.001"), derived,
                derived, mrdNegative, "1.0");
    }

    public static AdverseEventReported adverseEventReported(String subjectId, String siteId, String adverseEventId,
            String ctcaeTerm, int grade, LocalDate onset, Instant recordedAt) {
        return new AdverseEventReported(subjectId, siteId, onset, recordedAt, adverseEventId, ctcaeTerm, grade,
                false, "possible", true, "1.0", null, "CTCAE_V5", null, null, List.of(), false, "NOT_RECOVERED",
                null);
    }

    public static AdverseEventUpdated adverseEventUpdated(String subjectId, String siteId, String adverseEventId,
            String ctcaeTerm, int grade, LocalDate onset, LocalDate resolvedOn, Instant recordedAt) {
        return new AdverseEventUpdated(subjectId, siteId, resolvedOn != null ? resolvedOn : onset, recordedAt,
                adverseEventId, details(ctcaeTerm, grade, onset, resolvedOn),
                resolvedOn != null ? List.of("outcome", "resolutionDate") : List.of("grade"), "1.0");
    }

    public static AdverseEventCorrected adverseEventCorrected(String subjectId, String siteId, String adverseEventId,
            String ctcaeTerm, int grade, LocalDate onset, Instant recordedAt) {
        return new AdverseEventCorrected(subjectId, siteId, onset, recordedAt, adverseEventId,
                details(ctcaeTerm, grade, onset, null), List.of("grade"), "grade mis-typed", "1.0");
    }

    private static AdverseEventDetails details(String ctcaeTerm, int grade, LocalDate onset, LocalDate resolvedOn) {
        return new AdverseEventDetails(ctcaeTerm, null, onset, grade, "CTCAE_V5", null, null, false, List.of(),
                "possible", true, false, resolvedOn != null ? "RECOVERED" : "NOT_RECOVERED", resolvedOn);
    }
}
