package org.cartrial.safety.monitoring.domain;

import java.util.Optional;

import org.cartrial.safety.adverseevent.domain.AdverseEventTerms;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;

/** What the monitoring rule counts a subject for: grade >= 4 CRS, grade >= 4 ICANS, or a treatment-related death. */
public enum ToxicityOfInterest {
    SEVERE_CRS,
    SEVERE_ICANS,
    TREATMENT_RELATED_DEATH;

    static final int SEVERE_GRADE = 4;
    static final int DEATH_GRADE = 5;

    /** The toxicity of interest an adverse event is, if any. */
    public static Optional<ToxicityOfInterest> of(String ctcaeTerm, int grade, RelationshipToCarT relationship) {
        if (AdverseEventTerms.isCrs(ctcaeTerm) && grade >= SEVERE_GRADE) {
            return Optional.of(SEVERE_CRS);
        }
        if (AdverseEventTerms.isIcans(ctcaeTerm) && grade >= SEVERE_GRADE) {
            return Optional.of(SEVERE_ICANS);
        }
        if (grade == DEATH_GRADE && relationship.related()) {
            return Optional.of(TREATMENT_RELATED_DEATH);
        }
        return Optional.empty();
    }
}
