package org.cartrial.enrollment.screening.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

/**
 * A site's screening as it arrives over HTTP. These checks say what a value can be at all (a percentage lies in
 * 0-100); whether the subject is eligible is the protocol's decision, recorded even when negative.
 */
public record ScreeningRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}", message = "must be a pseudonymous id of 1-40 letters, digits or '-'")
        String subjectId,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
        String siteId,
        @NotNull @PastOrPresent
        LocalDate screeningDate,
        @NotNull @DecimalMin("0.0") @DecimalMax("30.0") @Digits(integer = 2, fraction = 2)
        BigDecimal ageYears,
        @NotNull @DecimalMin("0.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 2)
        BigDecimal cd19ExpressionPercent,
        @NotNull @DecimalMin("0.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 2)
        BigDecimal cd22ExpressionPercent) {
}
