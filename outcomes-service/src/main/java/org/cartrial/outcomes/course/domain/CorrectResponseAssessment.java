package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.ResponseCategory;

/**
 * Corrects a response assessment recorded wrongly, with the reason (required) and who corrects it. Every value is
 * optional, null meaning unchanged; {@code cleared} names the MRD values set back to not measured. The category and
 * MRD status are derived again from the corrected findings.
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
        SiteScope scope,
        ClearedFields cleared) {

    public CorrectResponseAssessment {
        cleared = cleared == null ? ClearedFields.NONE : cleared;
    }

    public CorrectResponseAssessment(String subjectId, String siteId, String assessmentId, String reason,
            String correctedBy, LocalDate assessedOn, BigDecimal marrowBlastsPercent, Boolean circulatingBlasts,
            Boolean extramedullaryDisease, CnsStatus cnsStatus, BigDecimal ancPer10e9L, BigDecimal plateletsPer10e9L,
            BigDecimal mrdPercent, BigDecimal mrdDetectionLimitPercent, ResponseCategory investigatorResponse,
            SiteScope scope) {
        this(subjectId, siteId, assessmentId, reason, correctedBy, assessedOn, marrowBlastsPercent, circulatingBlasts,
                extramedullaryDisease, cnsStatus, ancPer10e9L, plateletsPer10e9L, mrdPercent, mrdDetectionLimitPercent,
                investigatorResponse, scope, ClearedFields.NONE);
    }
}
