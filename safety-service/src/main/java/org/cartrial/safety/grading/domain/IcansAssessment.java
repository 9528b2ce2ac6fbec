package org.cartrial.safety.grading.domain;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.IcansFindings;

/**
 * The findings that grade ICANS by ASTCT 2019 (protocol section 3): the grade is the worst of the encephalopathy
 * screen (ICE above 12 years, CAPD up to 12), depressed consciousness, seizures, motor findings and raised
 * intracranial pressure or cerebral oedema. Exactly the screen for the subject's age is scored, unless the subject
 * was unable to perform it (grade 4). Death from ICANS is grade 5 (CTCAE v5: death related to the event).
 *
 * @param ageYears age in completed years on the day of the assessment
 * @param iceScore the ICE score 0-10 (over 12 years), else null
 * @param capdScore the CAPD score 0-32 (12 years and under), else null
 * @param unableToPerformScreen unarousable and unable to perform the screen; both scores are then null
 */
public record IcansAssessment(
        int ageYears,
        Integer iceScore,
        Integer capdScore,
        boolean unableToPerformScreen,
        ConsciousnessLevel consciousness,
        Seizure seizure,
        MotorFinding motorFinding,
        RaisedIntracranialPressure intracranialPressure,
        boolean diedOfIcans) {

    public IcansAssessment {
        if (ageYears < 0 || ageYears > 130) {
            throw CommandRefused.ruleBroken("age-out-of-range", "icans.ageYears", "age " + ageYears + " is not an age");
        }
        consciousness = consciousness == null ? ConsciousnessLevel.NONE : consciousness;
        seizure = seizure == null ? Seizure.NONE : seizure;
        motorFinding = motorFinding == null ? MotorFinding.NONE : motorFinding;
        intracranialPressure = intracranialPressure == null ? RaisedIntracranialPressure.NONE : intracranialPressure;
        EncephalopathyScreen screen = EncephalopathyScreen.forAge(ageYears);
        String scoreField = screen == EncephalopathyScreen.ICE ? "icans.iceScore" : "icans.capdScore";
        Integer score = screen == EncephalopathyScreen.ICE ? iceScore : capdScore;
        Integer otherScore = screen == EncephalopathyScreen.ICE ? capdScore : iceScore;
        if (otherScore != null) {
            String other = screen == EncephalopathyScreen.ICE ? "icans.capdScore" : "icans.iceScore";
            throw CommandRefused.ruleBroken("wrong-encephalopathy-screen", other, "at " + ageYears
                    + " years encephalopathy is screened with " + screen + " (CAPD up to "
                    + EncephalopathyScreen.CAPD_UP_TO_AGE_YEARS + " years, ICE above)");
        }
        if (unableToPerformScreen && score != null) {
            throw CommandRefused.ruleBroken("score-of-unperformed-screen", scoreField,
                    "a subject unable to perform the " + screen + " screen has no " + screen + " score");
        }
        if (!unableToPerformScreen && score == null) {
            throw CommandRefused.ruleBroken("encephalopathy-score-required", scoreField,
                    "the " + screen + " score is required at " + ageYears
                            + " years, or state that the subject was unable to perform it");
        }
        if (score != null && !screen.admits(score)) {
            throw CommandRefused.ruleBroken("encephalopathy-score-out-of-range", scoreField,
                    screen + " scores lie in " + screen.lowest() + "-" + screen.highest() + ", not " + score);
        }
    }

    public EncephalopathyScreen screen() {
        return EncephalopathyScreen.forAge(ageYears);
    }

    public IcansGrade encephalopathyGrade() {
        EncephalopathyScreen screen = screen();
        if (unableToPerformScreen) {
            return screen.gradeWhenUnableToPerform();
        }
        return screen.grade(screen == EncephalopathyScreen.ICE ? iceScore : capdScore);
    }

    public IcansGrade grade() {
        if (diedOfIcans) {
            return IcansGrade.GRADE_5;
        }
        return encephalopathyGrade().worse(consciousness.grade()).worse(seizure.grade())
                .worse(motorFinding.grade()).worse(intracranialPressure.grade());
    }

    /** As the published events carry it. */
    public IcansFindings findings() {
        return new IcansFindings(ageYears, iceScore, capdScore, unableToPerformScreen, consciousness.name(),
                seizure.name(), motorFinding.name(), intracranialPressure.name(), diedOfIcans);
    }

    public static IcansAssessment of(IcansFindings findings) {
        return new IcansAssessment(findings.ageYears(), findings.iceScore(), findings.capdScore(),
                findings.unableToPerformScreen(), ConsciousnessLevel.valueOf(findings.consciousness()),
                Seizure.valueOf(findings.seizure()), MotorFinding.valueOf(findings.motorFinding()),
                RaisedIntracranialPressure.valueOf(findings.intracranialPressure()), findings.diedOfIcans());
    }
}
