package org.cartrial.safety.adverseevent.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.CrsFindings;
import org.cartrial.api.safety.IcansFindings;

/** The answer to a report, follow-up, correction or recoding: the adverse event as it now stands. */
record AdverseEventResponse(String adverseEventId, String subjectId, String siteId, String ctcaeTerm,
        String meddraCode, LocalDate onsetDate, int grade, String gradingScale, CrsFindings crs, IcansFindings icans,
        boolean serious, List<String> seriousnessCriteria, String relationshipToCarT, boolean expected,
        boolean susar, String outcome, LocalDate resolutionDate, Instant recordedAt, String protocolVersion,
        List<String> changes, String reason) {

    static AdverseEventResponse of(String adverseEventId, String subjectId, String siteId, AdverseEventDetails d,
            Instant recordedAt, String protocolVersion, List<String> changes, String reason) {
        return new AdverseEventResponse(adverseEventId, subjectId, siteId, d.ctcaeTerm(), d.meddraCode(),
                d.onsetDate(), d.grade(), d.gradingScale(), d.crs(), d.icans(), d.serious(), d.seriousnessCriteria(),
                d.relationshipToCarT(), d.expected(), d.susar(), d.outcome(), d.resolutionDate(), recordedAt,
                protocolVersion, changes, reason);
    }
}
