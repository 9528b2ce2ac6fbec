package org.cartrial.enrollment.subject.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;

/** A site screens a pseudonymous subject. */
public record ScreenPatient(@TargetAggregateIdentifier String subjectId, String siteId, ScreeningFindings findings) {
}
