package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/** Corrects the date or cause of death recorded wrongly, with the reason; values null are kept as recorded. */
public record CorrectDeath(@TargetAggregateIdentifier String subjectId, String siteId, String reason,
        String correctedBy, LocalDate diedOn, CauseOfDeath cause, SiteScope scope) {
}
