package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A response assessment was recorded wrongly and is corrected, with the reason; the earlier events stay as they
 * were. {@code assessment} is the whole assessment as it stands after the correction (the category and MRD status
 * derived again from the corrected findings), {@code corrections} the old and new value of each corrected field,
 * {@code correctedBy} who corrected it. {@code occurredOn} is the (possibly corrected) assessment date.
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record ResponseAssessmentCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String assessmentId,
        ResponseAssessed assessment,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public ResponseAssessmentCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
