package org.cartrial.outcomes.course.domain;

/** CNS status: CNS1 no blasts in the cerebrospinal fluid; CNS2 and CNS3 are CNS involvement. */
public enum CnsStatus {
    CNS1,
    CNS2,
    CNS3
}
