package org.cartrial.localstack.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One enrolled patient of a cohort file (the format of {@code shared/data/README.md}), as read: dates are
 * {@code null} where the cell was empty.
 *
 * @param line the line of the file the row was read from (the header is line 1)
 */
public record CohortRow(
        int line,
        String patientId,
        String site,
        BigDecimal ageYears,
        BigDecimal weightKg,
        LocalDate enrollmentDate,
        LocalDate cd19InfusionDate,
        LocalDate cd22InfusionDate,
        List<Assessment> assessments,
        Relapse relapse,
        LocalDate deathDate,
        LocalDate lastFollowUpDate,
        LocalDate withdrawalDate,
        Integer maxCrsGrade,
        Integer maxIcansGrade,
        LocalDate dataCutoffDate) {

    /** The response categories as the cohort spells them. */
    public enum Response {
        CR, CRi, PR, NR;

        /** CR or CRi. */
        public boolean remission() {
            return this == CR || this == CRi;
        }
    }

    /** MRD by flow cytometry: negative, positive, or not done. */
    public enum Mrd {
        NEGATIVE, POSITIVE, NOT_DONE
    }

    /** One response assessment slot; the slots are in chronological order. */
    public record Assessment(int slot, LocalDate date, Response response, Mrd mrd) {
    }

    /** The relapse, with the antigens on the relapsed blasts ({@code null}: not reported). */
    public record Relapse(LocalDate date, Boolean cd19Positive, Boolean cd22Positive) {
    }

    public CohortRow {
        Objects.requireNonNull(patientId, "patient_id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(enrollmentDate, "enrollment_date");
        assessments = List.copyOf(assessments);
    }
}
