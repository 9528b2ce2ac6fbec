package org.cartrial.safety.monitoring.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Counts a CD19-infused subject in the monitoring rule's denominator; a second count of the subject is a no-op. */
public record CountInfusedSubject(@TargetAggregateIdentifier String monitorId, String subjectId, String siteId,
        LocalDate day0) {
}
