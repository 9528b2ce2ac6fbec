package org.cartrial.enrollment.subject.domain;

import org.cartrial.api.SiteScope;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The subject leaves the study; survival follow-up goes on only if the guardian agreed to it. */
public record WithdrawPatient(@TargetAggregateIdentifier String subjectId, LocalDate withdrawnOn, String reason,
        boolean survivalFollowUpAllowed, SiteScope scope) {
}
