package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a screening found that eligibility is decided on (the full work-up comes with protocol section 1). */
public record ScreeningFindings(LocalDate screenedOn, BigDecimal ageYears, BigDecimal cd19ExpressionPercent,
        BigDecimal cd22ExpressionPercent) {
}
