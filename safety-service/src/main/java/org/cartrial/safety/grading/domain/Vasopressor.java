package org.cartrial.safety.grading.domain;

/** The vasopressors a hypotensive subject may be on; vasopressin does not count towards "several" (ASTCT 2019). */
public enum Vasopressor {
    NOREPINEPHRINE,
    EPINEPHRINE,
    DOPAMINE,
    PHENYLEPHRINE,
    VASOPRESSIN,
    OTHER_VASOPRESSOR
}
