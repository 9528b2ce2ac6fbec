package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTProduct;

/**
 * Corrects the infusion of a product recorded wrongly, with the reason (required) and who corrects it; values null
 * are kept as recorded. The CD22 gate is not judged again: its evidence stays what the gate saw when recorded.
 */
public record CorrectCarTInfusion(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        CarTProduct product,
        String reason,
        String correctedBy,
        Instant infusedAt,
        BigDecimal dose10e6CellsPerKg,
        BigDecimal weightKg,
        String productLot,
        SiteScope scope) {
}
