package org.cartrial.safety.listing.domain;

import java.time.LocalDate;

/**
 * One adverse event as the listing shows it: its latest state (term, grade, seriousness, outcome). Open means not
 * yet resolved: no resolution date, and neither recovered nor fatal.
 */
public record ListedAdverseEvent(String adverseEventId, String subjectId, String siteId, String ctcaeTerm, int grade,
        boolean serious, boolean susar, String relationshipToCarT, LocalDate onsetDate, String outcome,
        LocalDate resolutionDate) {

    public boolean open() {
        return resolutionDate == null && !"RECOVERED".equals(outcome) && !"RECOVERED_WITH_SEQUELAE".equals(outcome)
                && !"FATAL".equals(outcome);
    }
}
