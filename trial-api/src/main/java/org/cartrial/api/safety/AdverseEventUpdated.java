package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;

/**
 * Follow-up of an adverse event: new clinical information (the grade rose, it resolved, it became serious...).
 * {@code occurredOn} is the date of the follow-up assessment; {@code details} the adverse event's whole state
 * afterwards; {@code changes} names the fields that changed. A grade never falls by an update (the grade of an
 * adverse event is the highest reached); a wrong value is fixed by {@link AdverseEventCorrected}.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record AdverseEventUpdated(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        AdverseEventDetails details,
        List<String> changes,
        String protocolVersion) implements AdverseEventVersion {

    public AdverseEventUpdated {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    @Override
    public String why() {
        return "follow-up: " + String.join(", ", changes);
    }
}
