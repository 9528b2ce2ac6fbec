package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.cartrial.api.enrollment.PatientScreened.Consent;
import org.cartrial.api.enrollment.PatientScreened.DiagnosticWorkup;

/** An eligible 8-year-old's screening, varied one finding at a time by the tests. */
public final class ScreeningExamples {

    public static final LocalDate SCREENED_ON = LocalDate.of(2026, 11, 20);
    public static final DiagnosticWorkup COMPLETE_WORKUP = new DiagnosticWorkup(true, true, true, true, null);
    public static final Consent CONSENTED = new Consent(LocalDate.of(2026, 11, 18), "ICF-2.1", null);

    private ScreeningExamples() {
    }

    public static ScreeningFindings eligible() {
        return new ScreeningFindings(SCREENED_ON, new BigDecimal("8.5"), new BigDecimal("26.4"), "female",
                PerformanceScale.LANSKY, 80, COMPLETE_WORKUP, DiseaseStatus.RELAPSED_REFRACTORY, null,
                new BigDecimal("98.2"), new BigDecimal("97"), CONSENTED);
    }

    public static ScreeningFindings withAge(String age, PerformanceScale scale, int score) {
        ScreeningFindings f = eligible();
        Consent consent = new BigDecimal(age).compareTo(new BigDecimal("12")) >= 0
                ? new Consent(f.consent().guardianConsentOn(), "ICF-2.1", LocalDate.of(2026, 11, 19)) : f.consent();
        return new ScreeningFindings(f.screenedOn(), new BigDecimal(age), f.weightKg(), f.sex(), scale, score,
                f.diagnosticWorkup(), f.diseaseStatus(), f.mrdPositiveSince(), f.cd19ExpressionPercent(),
                f.cd22ExpressionPercent(), consent);
    }

    public static ScreeningFindings withExpression(String cd19, String cd22) {
        ScreeningFindings f = eligible();
        return new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(), f.performanceScale(),
                f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus(), f.mrdPositiveSince(),
                new BigDecimal(cd19), new BigDecimal(cd22), f.consent());
    }

    public static ScreeningFindings withDisease(DiseaseStatus status, LocalDate mrdPositiveSince) {
        ScreeningFindings f = eligible();
        return new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(), f.performanceScale(),
                f.performanceScore(), f.diagnosticWorkup(), status, mrdPositiveSince, f.cd19ExpressionPercent(),
                f.cd22ExpressionPercent(), f.consent());
    }

    public static ScreeningFindings withWorkup(DiagnosticWorkup workup) {
        ScreeningFindings f = eligible();
        return new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(), f.performanceScale(),
                f.performanceScore(), workup, f.diseaseStatus(), f.mrdPositiveSince(), f.cd19ExpressionPercent(),
                f.cd22ExpressionPercent(), f.consent());
    }

    public static ScreeningFindings withConsent(Consent consent) {
        ScreeningFindings f = eligible();
        return new ScreeningFindings(f.screenedOn(), f.ageYears(), f.weightKg(), f.sex(), f.performanceScale(),
                f.performanceScore(), f.diagnosticWorkup(), f.diseaseStatus(), f.mrdPositiveSince(),
                f.cd19ExpressionPercent(), f.cd22ExpressionPercent(), consent);
    }
}
