package org.cartrial.api.infusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A lymphodepletion was recorded wrongly (dates, height, weight or drugs) and is corrected, with the reason. A
 * lymphodepletion is known by its product and first day: {@code correctedStartedOn} names the one recorded before,
 * {@code lymphodepletion} is the whole lymphodepletion after the correction (the body-surface area computed again),
 * {@code corrections} the old and new value of each corrected field, {@code correctedBy} who corrected it.
 */
@PublishedEvent(context = TrialContext.INFUSION)
public record LymphodepletionCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        CarTProduct beforeProduct,
        LocalDate correctedStartedOn,
        LymphodepletionGiven lymphodepletion,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public LymphodepletionCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
