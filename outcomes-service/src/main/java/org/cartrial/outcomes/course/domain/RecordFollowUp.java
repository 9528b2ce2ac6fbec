package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/** The subject was known to be alive on a date (survival follow-up, allowed after withdrawal). */
public record RecordFollowUp(@TargetAggregateIdentifier String subjectId, String siteId, LocalDate knownAliveOn,
        SiteScope scope) {
}
