package org.cartrial.outcomes.consort.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Where one subject stands in the CONSORT flow: screened (and the outcome, with the codes of the criteria that
 * failed), enrolled, withdrawn. The outcome is the latest decision: a corrected screening decides it again.
 * {@code eligibilityDeviation}: enrolled, then found ineligible by a corrected screening.
 */
public record ConsortEntry(String subjectId, String siteId, LocalDate screenedOn, Boolean eligible,
        LocalDate enrolledOn, LocalDate withdrawnOn, List<String> failedCriteria, boolean eligibilityDeviation) {

    public ConsortEntry {
        failedCriteria = failedCriteria == null ? List.of() : List.copyOf(failedCriteria);
    }

    public ConsortEntry(String subjectId, String siteId, LocalDate screenedOn, Boolean eligible, LocalDate enrolledOn,
            LocalDate withdrawnOn) {
        this(subjectId, siteId, screenedOn, eligible, enrolledOn, withdrawnOn, List.of(), false);
    }

    public boolean screened() {
        return screenedOn != null;
    }

    public boolean screenFailed() {
        return screened() && !Boolean.TRUE.equals(eligible);
    }
}
