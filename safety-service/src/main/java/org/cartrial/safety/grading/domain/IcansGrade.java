package org.cartrial.safety.grading.domain;

/**
 * Immune effector cell-associated neurotoxicity syndrome grade by ASTCT 2019 (1-4); {@link #NOT_ICANS} when no
 * component is abnormal; {@link #GRADE_5} is death from ICANS (CTCAE v5 grade 5, death related to the event).
 */
public enum IcansGrade {
    NOT_ICANS,
    GRADE_1,
    GRADE_2,
    GRADE_3,
    GRADE_4,
    GRADE_5;

    public int value() {
        return ordinal();
    }

    public static IcansGrade of(int value) {
        return values()[value];
    }

    public IcansGrade worse(IcansGrade other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
