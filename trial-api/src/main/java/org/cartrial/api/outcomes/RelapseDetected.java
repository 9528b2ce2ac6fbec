package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * Relapse after CR/CRi: where it was found (marrow, CNS, other) and the antigen pattern of the relapsed blasts
 * ({@code null} when not tested).
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record RelapseDetected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String relapseSite,
        Boolean cd19Positive,
        Boolean cd22Positive) implements TrialEvent {
}
