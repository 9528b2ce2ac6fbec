package org.cartrial.api.enrollment;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** The subject left the study; survival follow-up continues only if the guardian agreed. */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record PatientWithdrawn(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String reason,
        boolean survivalFollowUpAllowed) implements TrialEvent {
}
