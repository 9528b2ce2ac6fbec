package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/** Corrects the date of a follow-up (known by the date recorded, {@code knownAliveOn}), with the reason. */
public record CorrectFollowUp(@TargetAggregateIdentifier String subjectId, String siteId, LocalDate knownAliveOn,
        String reason, String correctedBy, LocalDate correctedKnownAliveOn, SiteScope scope) {
}
