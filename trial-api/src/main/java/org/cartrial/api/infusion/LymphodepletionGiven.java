package org.cartrial.api.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * Lymphodepleting chemotherapy before a CAR-T infusion of {@code beforeProduct}, from {@code occurredOn} (the first
 * day) to {@code lastDoseOn}. The body-surface area is by Mosteller, sqrt(height_cm x weight_kg / 3600), from the
 * height and weight recorded here, in m2 rounded half-up to two decimals.
 */
@PublishedEvent(context = TrialContext.INFUSION)
public record LymphodepletionGiven(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        CarTProduct beforeProduct,
        List<LymphodepletingAgent> agents,
        BigDecimal heightCm,
        BigDecimal weightKg,
        BigDecimal bodySurfaceAreaM2,
        LocalDate lastDoseOn,
        String protocolVersion) implements TrialEvent {

    public LymphodepletionGiven {
        agents = List.copyOf(agents);
    }
}
