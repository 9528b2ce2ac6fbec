package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTProduct;

/**
 * A site records that a subject was infused with a CAR-T product; {@code override} (CD22 only, may be null) asks
 * to go ahead although the CD22 gate is closed.
 */
public record RecordCarTInfusion(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        CarTProduct product,
        Instant infusedAt,
        BigDecimal dose10e6CellsPerKg,
        BigDecimal weightKg,
        String productLot,
        Cd22Override override,
        SiteScope scope) {
}
