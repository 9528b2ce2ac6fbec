package org.cartrial.api.infusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A CAR-T infusion was recorded wrongly (moment, dose, weight or lot) and is corrected, with the reason; the earlier
 * events stay as they were. {@code infusion} is the whole infusion after the correction (its {@code occurredOn} the
 * corrected infusion date, for CD19 the corrected day 0), {@code corrections} the old and new value of each corrected
 * field, {@code correctedBy} who corrected it.
 */
@PublishedEvent(context = TrialContext.INFUSION)
public record CarTInfusionCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        CarTProduct product,
        CarTInfused infusion,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy) implements TrialEvent {

    public CarTInfusionCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
