package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A follow-up was recorded on the wrong date and is corrected, with the reason. A follow-up is known by its date:
 * {@code correctedKnownAliveOn} names the one recorded before, {@code followUp} the follow-up as it stands after the
 * correction; {@code corrections} the old and new value, {@code correctedBy} who.
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record FollowUpCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        LocalDate correctedKnownAliveOn,
        FollowUpRecorded followUp,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public FollowUpCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
