package org.cartrial.safety.grading.domain;

/** Seizures (ASTCT 2019 ICANS), each with the grade it makes. */
public enum Seizure {
    NONE(IcansGrade.NOT_ICANS),
    /** Any clinical seizure, focal or generalised, that resolves rapidly. */
    CLINICAL_RESOLVING_RAPIDLY(IcansGrade.GRADE_3),
    /** Non-convulsive seizures on EEG that resolve with intervention. */
    EEG_ONLY(IcansGrade.GRADE_3),
    /** Life-threatening prolonged seizure (> 5 min), or repetitive seizures without return to baseline between. */
    PROLONGED_OR_REPETITIVE(IcansGrade.GRADE_4);

    private final IcansGrade grade;

    Seizure(IcansGrade grade) {
        this.grade = grade;
    }

    public IcansGrade grade() {
        return grade;
    }
}
