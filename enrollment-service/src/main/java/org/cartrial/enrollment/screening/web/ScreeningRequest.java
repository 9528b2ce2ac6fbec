package org.cartrial.enrollment.screening.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.enrollment.screening.domain.DiseaseStatus;
import org.cartrial.enrollment.screening.domain.PerformanceScale;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;

/**
 * A site's screening as it arrives over HTTP. These checks say what a value can be at all (a percentage lies in
 * 0-100, a date is not in the future); whether the subject is eligible is the protocol's decision, recorded even
 * when negative.
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
        @NotNull @DecimalMin("0.5") @DecimalMax("250.0") @Digits(integer = 3, fraction = 2)
        BigDecimal weightKg,
        @NotNull @Pattern(regexp = "female|male|other|unknown", message = "must be female, male, other or unknown")
        String sex,
        @NotNull @Valid
        Performance performance,
        @NotNull @Valid
        Diagnosis diagnosis,
        @NotNull
        DiseaseStatus diseaseStatus,
        @PastOrPresent
        LocalDate mrdPositiveSince,
        @NotNull @DecimalMin("0.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 2)
        BigDecimal cd19ExpressionPercent,
        @NotNull @DecimalMin("0.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 2)
        BigDecimal cd22ExpressionPercent,
        @NotNull @Valid
        ConsentRecord consent) {

    /** Performance status on its scale (Lansky under 16; Karnofsky or ECOG from 16). */
    public record Performance(@NotNull PerformanceScale scale, @NotNull @Min(0) @Max(100) Integer score) {
    }

    /** The diagnosis work-up (protocol 1). */
    public record Diagnosis(
            @NotNull Boolean whoBAllByMorphology,
            @NotNull Boolean flowImmunophenotypeDone,
            @NotNull Boolean karyotypeDone,
            @NotNull Boolean fusionGeneScreenDone,
            @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9:/()_ -]*") String fusionGeneFound) {
    }

    /** The guardian's informed consent and the child's assent. */
    public record ConsentRecord(
            @PastOrPresent LocalDate guardianConsentOn,
            @Size(min = 1, max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+") String consentFormVersion,
            @PastOrPresent LocalDate childAssentOn) {
    }

    ScreeningFindings findings() {
        return new ScreeningFindings(screeningDate, ageYears, weightKg, sex, performance.scale(), performance.score(),
                new PatientScreened.DiagnosticWorkup(diagnosis.whoBAllByMorphology(), diagnosis.flowImmunophenotypeDone(),
                        diagnosis.karyotypeDone(), diagnosis.fusionGeneScreenDone(), diagnosis.fusionGeneFound()),
                diseaseStatus, mrdPositiveSince, cd19ExpressionPercent, cd22ExpressionPercent,
                new PatientScreened.Consent(consent.guardianConsentOn(), consent.consentFormVersion(),
                        consent.childAssentOn()));
    }
}
