package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

public record RecordDeath(@TargetAggregateIdentifier String subjectId, String siteId, LocalDate diedOn,
        CauseOfDeath cause, SiteScope scope) {
}
