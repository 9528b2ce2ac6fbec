package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/** Corrects the relapse recorded wrongly, with the reason; values null are kept as recorded. */
public record CorrectRelapse(@TargetAggregateIdentifier String subjectId, String siteId, String reason,
        String correctedBy, LocalDate detectedOn, RelapseSite relapseSite, Boolean cd19Positive, Boolean cd22Positive,
        SiteScope scope) {
}
