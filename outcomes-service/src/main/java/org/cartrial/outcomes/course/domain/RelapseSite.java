package org.cartrial.outcomes.course.domain;

/** Where a relapse was found. */
public enum RelapseSite {
    MARROW,
    CNS,
    OTHER
}
