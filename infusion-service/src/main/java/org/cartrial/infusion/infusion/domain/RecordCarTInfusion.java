package org.cartrial.infusion.infusion.domain;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.infusion.CarTProduct;

/** A site records that a subject was infused with a CAR-T product. */
public record RecordCarTInfusion(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        CarTProduct product,
        Instant infusedAt,
        BigDecimal dose10e6CellsPerKg,
        BigDecimal weightKg,
        String productLot) {
}
