package org.cartrial.api.enrollment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A subject was screened (protocol section 1). Recorded whether eligible or not: screen failures belong in the
 * CONSORT flow. It keeps every input the decision used, so the decision can be re-checked from the event alone;
 * {@code failedCriteria} names every criterion that failed, not only the first.
 */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record PatientScreened(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        BigDecimal ageYears,
        BigDecimal weightKg,
        String sex,
        String performanceScale,
        int performanceScore,
        DiagnosticWorkup diagnosticWorkup,
        String diseaseStatus,
        LocalDate mrdPositiveSince,
        BigDecimal cd19ExpressionPercent,
        BigDecimal cd22ExpressionPercent,
        Consent consent,
        boolean eligible,
        List<FailedCriterion> failedCriteria,
        String protocolVersion) implements TrialEvent {

    /** The diagnosis work-up: WHO B-ALL by morphology, FCM immunophenotype, G-banding karyotype, fusion screen. */
    public record DiagnosticWorkup(boolean whoBAllByMorphology, boolean flowImmunophenotypeDone,
            boolean karyotypeDone, boolean fusionGeneScreenDone, String fusionGeneFound) {
    }

    /** Guardian's informed consent (date, form version) and the child's assent (required from age 12). */
    public record Consent(LocalDate guardianConsentOn, String consentFormVersion, LocalDate childAssentOn) {
    }

    public PatientScreened {
        failedCriteria = List.copyOf(failedCriteria);
    }
}
