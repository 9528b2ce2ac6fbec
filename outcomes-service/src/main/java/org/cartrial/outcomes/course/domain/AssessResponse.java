package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.ResponseCategory;

/** Record a response assessment; the platform derives the category, the investigator's call is kept beside it. */
public record AssessResponse(@TargetAggregateIdentifier String subjectId, String siteId, String assessmentId,
        LocalDate assessedOn, MarrowAndBloodFindings findings, ResponseCategory investigatorResponse, SiteScope scope) {
}
