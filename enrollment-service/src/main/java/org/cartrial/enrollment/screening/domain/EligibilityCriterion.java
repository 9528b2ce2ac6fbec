package org.cartrial.enrollment.screening.domain;

/** The eligibility criteria of protocol section 1, each with a stable code that answers and events carry. */
public enum EligibilityCriterion {
    AGE_IN_RANGE("age-in-range"),
    CD19_EXPRESSION("cd19-expression"),
    CD22_EXPRESSION("cd22-expression");

    private final String code;

    EligibilityCriterion(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
