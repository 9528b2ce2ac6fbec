package org.cartrial.safety.surveillance.web;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.safety.ToxicitySurveillanceCompleted;

/** The answer to a completed surveillance: what was recorded. */
record ToxicitySurveillanceResponse(String subjectId, String siteId, String syndrome, LocalDate observedFrom,
        LocalDate observedTo, boolean syndromeObserved, Instant recordedAt, String protocolVersion) {

    static ToxicitySurveillanceResponse of(ToxicitySurveillanceCompleted e) {
        return new ToxicitySurveillanceResponse(e.subjectId(), e.siteId(), e.syndrome(), e.observedFrom(),
                e.observedTo(), e.syndromeObserved(), e.recordedAt(), e.protocolVersion());
    }
}
