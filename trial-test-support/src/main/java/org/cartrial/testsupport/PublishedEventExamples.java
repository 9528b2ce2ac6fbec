package org.cartrial.testsupport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientScreened;

/** Ready-made events of the published language, for consumers' tests. */
public final class PublishedEventExamples {

    private PublishedEventExamples() {
    }

    /** An 8-year-old's screening on 2026-11-20; a screen failure fails on CD19 expression only. */
    public static PatientScreened screened(String subjectId, String siteId, boolean eligible, Instant recordedAt) {
        return new PatientScreened(subjectId, siteId, LocalDate.of(2026, 11, 20), recordedAt, new BigDecimal("8"),
                new BigDecimal("26.4"), "female", "LANSKY", 80,
                new PatientScreened.DiagnosticWorkup(true, true, true, true, null), "RELAPSED_REFRACTORY", null,
                new BigDecimal(eligible ? "98" : "95"), new BigDecimal("98"),
                new PatientScreened.Consent(LocalDate.of(2026, 11, 18), "ICF-2.1", null), eligible,
                eligible ? List.of() : List.of(new FailedCriterion("cd19-expression", "CD19 on 95% of blasts; must be above 95%")),
                "1.0");
    }
}
