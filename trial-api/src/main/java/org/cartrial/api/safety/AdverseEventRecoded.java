package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;

/**
 * The adverse event's term was recoded (CTCAE v5 term, optional MedDRA code), with the reason. Recoding into
 * cytokine release syndrome or ICANS brings the ASTCT findings and the computed grade with it. {@code occurredOn}
 * is the onset date; {@code details} the whole state after the recoding.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record AdverseEventRecoded(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String previousCtcaeTerm,
        String previousMeddraCode,
        AdverseEventDetails details,
        String reason,
        String protocolVersion) implements AdverseEventVersion {

    @Override
    public String why() {
        return reason;
    }
}
