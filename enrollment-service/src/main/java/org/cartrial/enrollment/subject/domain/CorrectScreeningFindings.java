package org.cartrial.enrollment.subject.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.SiteScope;

/**
 * Corrects findings of the subject's latest screening recorded wrongly, with the reason (required) and who corrects
 * it; values null are kept as recorded, {@code cleared} names the optional ones set back to not recorded
 * ({@code mrdPositiveSince}). Eligibility is decided again from the corrected findings.
 */
public record CorrectScreeningFindings(
        @TargetAggregateIdentifier String subjectId,
        String reason,
        String correctedBy,
        BigDecimal weightKg,
        Integer performanceScore,
        LocalDate mrdPositiveSince,
        BigDecimal cd19ExpressionPercent,
        BigDecimal cd22ExpressionPercent,
        ClearedFields cleared,
        SiteScope scope) {

    public CorrectScreeningFindings {
        cleared = cleared == null ? ClearedFields.NONE : cleared;
    }
}
