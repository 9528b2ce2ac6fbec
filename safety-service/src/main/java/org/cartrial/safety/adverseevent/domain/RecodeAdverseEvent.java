package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * Recodes the adverse event's term (and MedDRA code), with the reason. Into CRS or ICANS the findings are required
 * and the grade is computed; out of them a typed grade is required; between other terms the grade is kept unless
 * one is given.
 */
public record RecodeAdverseEvent(
        @TargetAggregateIdentifier String adverseEventId,
        SiteScope scope,
        String reason,
        String ctcaeTerm,
        String meddraCode,
        Integer grade,
        CrsAssessment crs,
        IcansAssessment icans) {
}
