package org.cartrial.safety.adverseevent.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.safety.AdverseEventDetails;

/**
 * An adverse event as it stands, and every event that made it so (oldest first), with who recorded each and why.
 */
public record AdverseEventView(
        String adverseEventId,
        String subjectId,
        String siteId,
        AdverseEventDetails current,
        Instant reportedAt,
        Instant lastChangedAt,
        List<Entry> history) {

    /** One recorded event of the adverse event's history. */
    public record Entry(String event, LocalDate occurredOn, Instant recordedAt, String recordedBy, List<String> changes,
            String reason, AdverseEventDetails details) {
    }
}
