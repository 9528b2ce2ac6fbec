package org.cartrial.safety.grading.domain;

/** Depressed level of consciousness (ASTCT 2019 ICANS), each with the grade it makes. */
public enum ConsciousnessLevel {
    NONE(IcansGrade.NOT_ICANS),
    AWAKENS_SPONTANEOUSLY(IcansGrade.GRADE_1),
    AWAKENS_TO_VOICE(IcansGrade.GRADE_2),
    AWAKENS_ONLY_TO_TACTILE_STIMULUS(IcansGrade.GRADE_3),
    /** Unarousable, or needs vigorous or repetitive tactile stimuli to arouse; stupor or coma. */
    STUPOR_OR_COMA(IcansGrade.GRADE_4);

    private final IcansGrade grade;

    ConsciousnessLevel(IcansGrade grade) {
        this.grade = grade;
    }

    public IcansGrade grade() {
        return grade;
    }
}
