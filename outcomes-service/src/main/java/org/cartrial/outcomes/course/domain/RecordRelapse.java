package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/** Record relapse after CR/CRi: where (marrow, cns, other) and the antigen pattern. */
public record RecordRelapse(@TargetAggregateIdentifier String subjectId, String siteId, LocalDate detectedOn,
        RelapseSite relapseSite, Boolean cd19Positive, Boolean cd22Positive, SiteScope scope) {
}
