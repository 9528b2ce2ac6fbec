package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** An adverse event was reported; {@code occurredOn} is its onset date, {@code grade} the CTCAE v5 grade 1-5. */
@PublishedEvent(context = TrialContext.SAFETY)
public record AdverseEventReported(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String ctcaeTerm,
        int grade,
        boolean serious,
        String relationshipToCarT,
        boolean expected,
        String protocolVersion) implements TrialEvent {
}
