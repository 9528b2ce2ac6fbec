package org.cartrial.api.enrollment;

/** One eligibility criterion a screening did not meet: a stable code for machines and a message for people. */
public record FailedCriterion(String code, String message) {
}
