package org.cartrial.safety.grading.domain;

/**
 * Raised intracranial pressure or cerebral oedema (ASTCT 2019 ICANS): the most severe finding. Focal oedema on
 * neuroimaging is grade 3; diffuse oedema, decerebrate or decorticate posturing, cranial nerve VI palsy,
 * papilloedema or Cushing's triad grade 4.
 */
public enum RaisedIntracranialPressure {
    NONE(IcansGrade.NOT_ICANS),
    FOCAL_OEDEMA(IcansGrade.GRADE_3),
    DIFFUSE_OEDEMA(IcansGrade.GRADE_4),
    DECEREBRATE_OR_DECORTICATE_POSTURING(IcansGrade.GRADE_4),
    CRANIAL_NERVE_VI_PALSY(IcansGrade.GRADE_4),
    PAPILLOEDEMA(IcansGrade.GRADE_4),
    CUSHINGS_TRIAD(IcansGrade.GRADE_4);

    private final IcansGrade grade;

    RaisedIntracranialPressure(IcansGrade grade) {
        this.grade = grade;
    }

    public IcansGrade grade() {
        return grade;
    }
}
