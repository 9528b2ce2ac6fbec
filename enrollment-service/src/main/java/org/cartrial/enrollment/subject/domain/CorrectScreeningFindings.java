package org.cartrial.enrollment.subject.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/**
 * Corrects findings of the subject's latest screening recorded wrongly, with the reason (required) and who corrects
 * it; values null are kept as recorded. Eligibility is not decided again.
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
        SiteScope scope) {
}
