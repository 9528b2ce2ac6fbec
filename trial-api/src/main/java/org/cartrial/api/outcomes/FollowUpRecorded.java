package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** The subject was known to be alive on {@code occurredOn} (last-known-alive follow-up). */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record FollowUpRecorded(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt) implements TrialEvent {
}
