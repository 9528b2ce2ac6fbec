package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;

/**
 * A recorded value of an adverse event was wrong and is corrected, with the reason; the earlier events stay as
 * they were. {@code occurredOn} is the (possibly corrected) onset date; {@code details} the whole state after the
 * correction; {@code corrections} names the fields corrected.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record AdverseEventCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        AdverseEventDetails details,
        List<String> corrections,
        String reason,
        String protocolVersion) implements AdverseEventVersion {

    public AdverseEventCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    @Override
    public String why() {
        return reason;
    }
}
