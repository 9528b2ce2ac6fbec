package org.cartrial.api.enrollment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * Findings of the latest screening were recorded wrongly and are corrected, with the reason. {@code screening} is
 * the whole screening with the corrected findings; its eligibility and failed criteria stay those decided at the
 * screening (they are not decided again). {@code corrections} holds the old and new value of each corrected field,
 * {@code correctedBy} who corrected it; {@code occurredOn} is the screening date.
 */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record ScreeningFindingsCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        PatientScreened screening,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public ScreeningFindingsCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
