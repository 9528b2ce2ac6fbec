package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * The relapse was recorded wrongly and is corrected, with the reason: {@code relapse} is the whole relapse after
 * the correction, {@code corrections} the old and new value of each corrected field, {@code correctedBy} who.
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record RelapseCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        RelapseDetected relapse,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public RelapseCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
