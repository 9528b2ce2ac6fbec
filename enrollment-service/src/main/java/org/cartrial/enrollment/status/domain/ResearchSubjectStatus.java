package org.cartrial.enrollment.status.domain;

/**
 * Where a subject stands, in the words of FHIR ResearchSubject.status, as this trial uses them: eligible or
 * ineligible after screening, on-study from enrolment, on-study-intervention from the CD19 infusion, follow-up
 * after the CD22 infusion, withdrawn, and off-study at death.
 */
public enum ResearchSubjectStatus {
    CANDIDATE("candidate"),
    ELIGIBLE("eligible"),
    INELIGIBLE("ineligible"),
    ON_STUDY("on-study"),
    ON_STUDY_INTERVENTION("on-study-intervention"),
    FOLLOW_UP("follow-up"),
    WITHDRAWN("withdrawn"),
    OFF_STUDY("off-study");

    private final String fhirCode;

    ResearchSubjectStatus(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }
}
