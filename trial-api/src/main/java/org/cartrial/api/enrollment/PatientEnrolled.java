package org.cartrial.api.enrollment;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** An eligible, consented subject entered the study. */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record PatientEnrolled(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String protocolVersion) implements TrialEvent {
}
