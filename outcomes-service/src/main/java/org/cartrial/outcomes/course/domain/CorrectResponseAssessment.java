package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.ResponseCategory;

/**
 * Corrects a response assessment recorded wrongly, with the reason (required) and who corrects it. Every value is
 * optional, null meaning unchanged; the category and MRD status are derived again from the corrected findings.
 */
public record CorrectResponseAssessment(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        String assessmentId,
        String reason,
        String correctedBy,
        LocalDate assessedOn,
        BigDecimal marrowBlastsPercent,
        Boolean circulatingBlasts,
        Boolean extramedullaryDisease,
        CnsStatus cnsStatus,
        BigDecimal ancPer10e9L,
        BigDecimal plateletsPer10e9L,
        BigDecimal mrdPercent,
        BigDecimal mrdDetectionLimitPercent,
        ResponseCategory investigatorResponse,
        SiteScope scope) {
}
