package org.cartrial.safety.grading.domain;

/** Cytokine release syndrome grade by ASTCT 2019; {@link #NOT_CRS} when the findings do not make CRS at all. */
public enum CrsGrade {
    NOT_CRS,
    GRADE_1,
    GRADE_2,
    GRADE_3,
    GRADE_4,
    GRADE_5;

    public int value() {
        return ordinal();
    }

    public static CrsGrade of(int value) {
        return values()[value];
    }

    public CrsGrade worse(CrsGrade other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
