package org.cartrial.enrollment.screening.domain;

/** Disease status at screening; the first two qualify (protocol 1), anything else does not. */
public enum DiseaseStatus {
    /** Relapsed and failed re-induction chemotherapy. */
    RELAPSED_REFRACTORY,
    /** Continuously MRD-positive since a date; qualifies when that is more than the protocol's months ago. */
    PERSISTENT_MRD,
    OTHER
}
