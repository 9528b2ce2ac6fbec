package org.cartrial.enrollment.screening.domain;

import java.util.List;

import org.cartrial.api.enrollment.FailedCriterion;

/** Eligible, or not with every failed criterion named; and the protocol version that decided it. */
public record EligibilityDecision(boolean eligible, List<FailedCriterion> failedCriteria, String protocolVersion) {

    public EligibilityDecision {
        failedCriteria = List.copyOf(failedCriteria);
    }
}
