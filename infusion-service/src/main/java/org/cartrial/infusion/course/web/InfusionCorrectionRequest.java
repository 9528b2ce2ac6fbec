package org.cartrial.infusion.course.web;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A correction of an infusion recorded wrongly: the reason is required, every value optional (absent: kept). */
public record InfusionCorrectionRequest(
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
        String siteId,
        @NotBlank @Size(max = 1000)
        String reason,
        @PastOrPresent
        Instant infusedAt,
        @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1000.0") @Digits(integer = 4, fraction = 3)
        BigDecimal dose10e6CellsPerKg,
        @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("250.0") @Digits(integer = 3, fraction = 2)
        BigDecimal weightKg,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,39}", message = "must be a product lot of 1-40 letters, digits or '.', '_', '/', '-'")
        String productLot) {
}
