package org.cartrial.safety.monitoring.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tells the monitor that a subject's CD19 infusion date, day 0, was corrected to {@code day0} by the published
 * correction {@code correctionId} (its event id). Telling it a correction it has applied already is a no-op, so a
 * re-delivered correction cannot move day 0 back after a later one.
 */
public record CorrectDay0(@TargetAggregateIdentifier String monitorId, String subjectId, String siteId,
        LocalDate day0, String correctionId) {
}
