package org.cartrial.infusion.readiness.domain;

import java.time.LocalDate;

/**
 * An adverse event as the safety context last described it: its CTCAE v5 term and grade, onset and, once it
 * resolved, the resolution date. It is open from its onset until it is resolved.
 */
public record AdverseEventState(String adverseEventId, String ctcaeTerm, int grade, LocalDate onsetOn,
        LocalDate resolvedOn) {

    /** Begun on or before {@code date} and not resolved by then (resolved on {@code date} counts as resolved). */
    public boolean openOn(LocalDate date) {
        boolean begun = onsetOn == null || !onsetOn.isAfter(date);
        boolean resolved = resolvedOn != null && !resolvedOn.isAfter(date);
        return begun && !resolved;
    }

    public boolean haematological() {
        return HaematologicalTerms.isHaematological(ctcaeTerm);
    }
}
