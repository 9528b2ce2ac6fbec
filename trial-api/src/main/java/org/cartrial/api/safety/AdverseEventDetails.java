package org.cartrial.api.safety;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything known about an adverse event after a follow-up, correction or recoding: the events that change an
 * adverse event carry its whole state, so a reader needs only the latest event to know it. Fields as in
 * {@link AdverseEventReported}.
 */
public record AdverseEventDetails(
        String ctcaeTerm,
        String meddraCode,
        LocalDate onsetDate,
        int grade,
        String gradingScale,
        CrsFindings crs,
        IcansFindings icans,
        boolean serious,
        List<String> seriousnessCriteria,
        String relationshipToCarT,
        boolean expected,
        boolean susar,
        String outcome,
        LocalDate resolutionDate) {

    public AdverseEventDetails {
        seriousnessCriteria = seriousnessCriteria == null ? List.of() : List.copyOf(seriousnessCriteria);
    }
}
