package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;

/**
 * Corrects the lymphodepletion before {@code beforeProduct} that started on {@code startedOn}, with the reason
 * (required) and who corrects it; values null are kept as recorded.
 */
public record CorrectLymphodepletion(
        @TargetAggregateIdentifier String subjectId,
        String siteId,
        CarTProduct beforeProduct,
        LocalDate startedOn,
        String reason,
        String correctedBy,
        LocalDate correctedStartedOn,
        LocalDate lastDoseOn,
        BigDecimal heightCm,
        BigDecimal weightKg,
        List<LymphodepletingAgent> agents,
        SiteScope scope) {
}
