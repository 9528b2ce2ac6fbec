package org.cartrial.api.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/** A CAR-T product was infused. The CD19 infusion date is day 0 of every clock of the trial. */
@PublishedEvent(context = TrialContext.INFUSION)
public record CarTInfused(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        CarTProduct product,
        Instant infusedAt,
        BigDecimal dose10e6CellsPerKg,
        BigDecimal weightKg,
        String productLot,
        String protocolVersion) implements TrialEvent {
}
