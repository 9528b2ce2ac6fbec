package org.cartrial.api.outcomes;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A bone-marrow and blood response assessment: the category the platform derived, the investigator's own call,
 * and the MRD status ({@code null} when MRD was not measured).
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record ResponseAssessed(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String assessmentId,
        ResponseCategory derivedResponse,
        ResponseCategory investigatorResponse,
        Boolean mrdNegative,
        String protocolVersion) implements TrialEvent {
}
