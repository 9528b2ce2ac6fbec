package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.cartrial.api.enrollment.PatientScreened.Consent;
import org.cartrial.api.enrollment.PatientScreened.DiagnosticWorkup;

/** Everything a screening records that eligibility is decided on (protocol section 1). */
public record ScreeningFindings(
        LocalDate screenedOn,
        BigDecimal ageYears,
        BigDecimal weightKg,
        String sex,
        PerformanceScale performanceScale,
        int performanceScore,
        DiagnosticWorkup diagnosticWorkup,
        DiseaseStatus diseaseStatus,
        LocalDate mrdPositiveSince,
        BigDecimal cd19ExpressionPercent,
        BigDecimal cd22ExpressionPercent,
        Consent consent) {
}
