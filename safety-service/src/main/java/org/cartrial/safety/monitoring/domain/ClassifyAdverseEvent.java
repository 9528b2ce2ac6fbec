package org.cartrial.safety.monitoring.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;

/**
 * Tells the monitor an adverse event's latest term, grade and relationship (after a report, follow-up, correction or
 * recoding); {@code occurredOn} is the clinical date of that change. Telling it what it knows already is a no-op.
 */
public record ClassifyAdverseEvent(@TargetAggregateIdentifier String monitorId, String adverseEventId,
        String subjectId, String siteId, String ctcaeTerm, int grade, RelationshipToCarT relationshipToCarT,
        LocalDate occurredOn) {
}
