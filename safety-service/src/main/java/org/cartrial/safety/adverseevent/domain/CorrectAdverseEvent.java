package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import java.time.LocalDate;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * Corrects values recorded wrongly, with the reason (required). Fields are optional, null meaning unchanged; a
 * grade may go either way. The term is changed by {@link RecodeAdverseEvent}.
 */
public record CorrectAdverseEvent(
        @TargetAggregateIdentifier String adverseEventId,
        SiteScope scope,
        String reason,
        LocalDate onsetDate,
        Integer grade,
        CrsAssessment crs,
        IcansAssessment icans,
        Set<SeriousnessCriterion> seriousnessCriteria,
        RelationshipToCarT relationshipToCarT,
        Boolean expected,
        AdverseEventOutcome outcome,
        LocalDate resolutionDate) {
}
