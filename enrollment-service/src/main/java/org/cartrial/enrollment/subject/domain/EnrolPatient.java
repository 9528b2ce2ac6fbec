package org.cartrial.enrollment.subject.domain;

import org.cartrial.api.SiteScope;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enter an eligible, consented subject into the study. */
public record EnrolPatient(@TargetAggregateIdentifier String subjectId, LocalDate enrolledOn, SiteScope scope) {
}
