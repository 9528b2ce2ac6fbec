package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * The death was recorded wrongly (date or cause) and is corrected, with the reason: {@code death} is the whole
 * record after the correction, {@code corrections} the old and new value of each corrected field,
 * {@code correctedBy} who.
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record DeathCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        DeathRecorded death,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public DeathCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
