package org.cartrial.outcomes.consort.domain;

import java.time.LocalDate;

/** Where one subject stands in the CONSORT flow: screened (and the outcome), enrolled, withdrawn. */
public record ConsortEntry(String subjectId, String siteId, LocalDate screenedOn, Boolean eligible,
        LocalDate enrolledOn, LocalDate withdrawnOn) {

    public boolean screened() {
        return screenedOn != null;
    }

    public boolean screenFailed() {
        return screened() && !Boolean.TRUE.equals(eligible);
    }
}
