package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import java.time.LocalDate;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * Follow-up of an adverse event as of {@code assessedOn}: every other field is optional, null meaning unchanged.
 * A new grade (typed, or computed from new CRS or ICANS findings) may only be higher: the grade of an adverse
 * event is the highest it reached. {@code seriousnessCriteria}, when given, is the whole new set.
 */
public record UpdateAdverseEvent(
        @TargetAggregateIdentifier String adverseEventId,
        SiteScope scope,
        LocalDate assessedOn,
        Integer grade,
        CrsAssessment crs,
        IcansAssessment icans,
        Set<SeriousnessCriterion> seriousnessCriteria,
        RelationshipToCarT relationshipToCarT,
        Boolean expected,
        AdverseEventOutcome outcome,
        LocalDate resolutionDate) {
}
