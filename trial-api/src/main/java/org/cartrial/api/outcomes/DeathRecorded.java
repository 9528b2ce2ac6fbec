package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** Death of a subject; cause is one of disease, car-t-related, transplant, other. */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record DeathRecorded(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String cause) implements TrialEvent {
}
