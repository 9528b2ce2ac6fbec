package org.cartrial.enrollment.screening.domain;

/** The eligibility criteria of protocol section 1, each with a stable code that answers and events carry. */
public enum EligibilityCriterion {
    AGE_IN_RANGE("age-in-range"),
    PERFORMANCE_SCALE("performance-scale"),
    PERFORMANCE_STATUS("performance-status"),
    B_ALL_DIAGNOSIS("b-all-diagnosis"),
    DIAGNOSTIC_WORKUP("diagnostic-workup"),
    DISEASE_STATUS("disease-status"),
    MRD_DURATION("mrd-duration"),
    CD19_EXPRESSION("cd19-expression"),
    CD22_EXPRESSION("cd22-expression"),
    GUARDIAN_CONSENT("guardian-consent"),
    CHILD_ASSENT("child-assent");

    private final String code;

    EligibilityCriterion(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
