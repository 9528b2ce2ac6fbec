package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;

/**
 * A site records the lymphodepleting chemotherapy given before a CAR-T product: the drugs and their doses per m2,
 * the height and weight the body-surface area was taken from, the first and the last day.
 */
public record RecordLymphodepletion(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        CarTProduct beforeProduct,
        List<LymphodepletingAgent> agents,
        BigDecimal heightCm,
        BigDecimal weightKg,
        LocalDate startedOn,
        LocalDate lastDoseOn,
        SiteScope scope) {

    public RecordLymphodepletion {
        agents = List.copyOf(agents);
    }
}
