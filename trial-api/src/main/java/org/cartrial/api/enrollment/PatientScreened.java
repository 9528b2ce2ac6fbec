package org.cartrial.api.enrollment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A subject was screened. Recorded whether eligible or not: screen failures belong in the CONSORT flow.
 * {@code failedCriteria} names every criterion that failed, not only the first.
 */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record PatientScreened(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        BigDecimal ageYears,
        BigDecimal cd19ExpressionPercent,
        BigDecimal cd22ExpressionPercent,
        boolean eligible,
        List<FailedCriterion> failedCriteria,
        String protocolVersion) implements TrialEvent {

    public PatientScreened {
        failedCriteria = List.copyOf(failedCriteria);
    }
}
