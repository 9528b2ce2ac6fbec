package org.cartrial.safety.grading.domain;

/** Motor findings (ASTCT 2019 ICANS): deep focal weakness such as hemiparesis or paraparesis is grade 4. */
public enum MotorFinding {
    NONE(IcansGrade.NOT_ICANS),
    DEEP_FOCAL_WEAKNESS(IcansGrade.GRADE_4);

    private final IcansGrade grade;

    MotorFinding(IcansGrade grade) {
        this.grade = grade;
    }

    public IcansGrade grade() {
        return grade;
    }
}
