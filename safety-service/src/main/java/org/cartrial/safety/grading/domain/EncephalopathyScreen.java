package org.cartrial.safety.grading.domain;

/**
 * The encephalopathy screen for a subject's age (ASTCT 2019): the ICE score (0-10, 10 normal) above 12 years,
 * the Cornell Assessment of Pediatric Delirium (CAPD, 0-32, 0 normal) up to 12 years.
 */
public enum EncephalopathyScreen {
    ICE(0, 10),
    CAPD(0, 32);

    /** The oldest age, in completed years, screened with CAPD. */
    public static final int CAPD_UP_TO_AGE_YEARS = 12;

    private final int lowest;
    private final int highest;

    EncephalopathyScreen(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public static EncephalopathyScreen forAge(int ageYears) {
        return ageYears <= CAPD_UP_TO_AGE_YEARS ? CAPD : ICE;
    }

    public boolean admits(int score) {
        return score >= lowest && score <= highest;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    /**
     * The grade a score makes. ICE: 10 none, 7-9 grade 1, 3-6 grade 2, 0-2 grade 3. CAPD: 0 none, 1-8 grade 1
     * (the protocol counts it as grade 1; grade 2 then comes from the other components), >= 9 grade 3.
     */
    public IcansGrade grade(int score) {
        return switch (this) {
            case ICE -> score >= 10 ? IcansGrade.NOT_ICANS
                    : score >= 7 ? IcansGrade.GRADE_1
                    : score >= 3 ? IcansGrade.GRADE_2
                    : IcansGrade.GRADE_3;
            case CAPD -> score == 0 ? IcansGrade.NOT_ICANS
                    : score <= 8 ? IcansGrade.GRADE_1
                    : IcansGrade.GRADE_3;
        };
    }

    /** Unarousable and unable to perform the screen: grade 4 on either screen. */
    public IcansGrade gradeWhenUnableToPerform() {
        return IcansGrade.GRADE_4;
    }
}
