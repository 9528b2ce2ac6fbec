package org.cartrial.infusion.course.web;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.cartrial.api.infusion.CarTProduct;

/**
 * A site's CAR-T infusion as it arrives over HTTP. These checks say what a value can be at all (a dose is
 * positive); whether the dose is within the protocol's range is the protocol's decision (422, named rule).
 * {@code override} (optional, CD22 only) asks to go ahead although the CD22 gate is closed; the caller approves it.
 */
public record InfusionRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}", message = "must be a pseudonymous id of 1-40 letters, digits or '-'")
        String subjectId,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
        String siteId,
        @NotNull
        CarTProduct product,
        @NotNull @PastOrPresent
        Instant infusedAt,
        @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1000.0") @Digits(integer = 4, fraction = 3)
        BigDecimal dose10e6CellsPerKg,
        @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("250.0") @Digits(integer = 3, fraction = 2)
        BigDecimal weightKg,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,39}", message = "must be a product lot of 1-40 letters, digits or '.', '_', '/', '-'")
        String productLot,
        @Valid
        OverrideRequest override) {

    /** An override of the CD22 gate: why the infusion goes ahead although the gate is closed. */
    public record OverrideRequest(@NotBlank @Size(max = 1000) String reason) {
    }
}
