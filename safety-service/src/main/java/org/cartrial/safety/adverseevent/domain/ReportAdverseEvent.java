package org.cartrial.safety.adverseevent.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A site reports an adverse event of a subject; the id is the client's (for safe retries) or the server's. */
public record ReportAdverseEvent(
        @TargetAggregateIdentifier String adverseEventId,
        String subjectId,
        String siteId,
        String ctcaeTerm,
        LocalDate onsetDate,
        int grade,
        boolean serious,
        RelationshipToCarT relationshipToCarT,
        boolean expected) {
}
