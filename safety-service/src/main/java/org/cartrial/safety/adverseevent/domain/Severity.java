package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.CommandRefused;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.CrsGrade;
import org.cartrial.safety.grading.domain.IcansAssessment;
import org.cartrial.safety.grading.domain.IcansGrade;

/**
 * An adverse event's grade with what it came from: typed (CTCAE v5, 1-5) for most terms, computed from the ASTCT
 * 2019 findings for cytokine release syndrome and ICANS, which then travel with it.
 */
public record Severity(int grade, GradingScale scale, CrsAssessment crs, IcansAssessment icans) {

    static final int LOWEST_GRADE = 1;
    static final int HIGHEST_GRADE = 5;

    /**
     * Decides the grade of an adverse event of {@code term}: computed where the term is CRS or ICANS (a typed grade
     * is then refused, and so are findings that make no CRS or ICANS at all), typed otherwise.
     */
    public static Severity of(String term, Integer typedGrade, CrsAssessment crs, IcansAssessment icans) {
        if (AdverseEventTerms.isCrs(term)) {
            refuseTypedGrade(typedGrade, "CRS", "crs");
            refuseFindings(icans, "icans", term);
            if (crs == null) {
                throw CommandRefused.ruleBroken("crs-findings-required", "crs",
                        "the grade of cytokine release syndrome is computed from the ASTCT 2019 findings: give them");
            }
            CrsGrade grade = crs.grade();
            if (grade == CrsGrade.NOT_CRS) {
                throw CommandRefused.ruleBroken("not-crs", "crs.maxTemperatureCelsius",
                        "without fever >= 38.0 C and without antipyretics, tocilizumab or steroids these findings are"
                                + " not CRS by ASTCT 2019, whatever the blood pressure and oxygen need");
            }
            return new Severity(grade.value(), GradingScale.ASTCT_2019_CRS, crs, null);
        }
        if (AdverseEventTerms.isIcans(term)) {
            refuseTypedGrade(typedGrade, "ICANS", "icans");
            refuseFindings(crs, "crs", term);
            if (icans == null) {
                throw CommandRefused.ruleBroken("icans-findings-required", "icans",
                        "the grade of ICANS is computed from the ASTCT 2019 findings: give them");
            }
            IcansGrade grade = icans.grade();
            if (grade == IcansGrade.NOT_ICANS) {
                throw CommandRefused.ruleBroken("not-icans", "icans",
                        "no component of these findings is abnormal: they are not ICANS by ASTCT 2019");
            }
            return new Severity(grade.value(), GradingScale.ASTCT_2019_ICANS, null, icans);
        }
        refuseFindings(crs, "crs", term);
        refuseFindings(icans, "icans", term);
        if (typedGrade == null) {
            throw CommandRefused.ruleBroken("grade-required", "grade", "the CTCAE v5 grade (1-5) is required");
        }
        if (typedGrade < LOWEST_GRADE || typedGrade > HIGHEST_GRADE) {
            throw CommandRefused.ruleBroken("grade-out-of-range", "grade",
                    "CTCAE v5 grade " + typedGrade + " is not one of " + LOWEST_GRADE + "-" + HIGHEST_GRADE);
        }
        return new Severity(typedGrade, GradingScale.CTCAE_V5, null, null);
    }

    public boolean computed() {
        return scale != GradingScale.CTCAE_V5;
    }

    private static void refuseTypedGrade(Integer typedGrade, String syndrome, String findingsField) {
        if (typedGrade != null) {
            throw CommandRefused.ruleBroken("grade-is-computed", "grade", "the grade of " + syndrome
                    + " is computed from the ASTCT 2019 findings in '" + findingsField + "'; leave 'grade' out");
        }
    }

    private static void refuseFindings(Object findings, String field, String term) {
        if (findings != null) {
            throw CommandRefused.ruleBroken("findings-do-not-fit-term", field,
                    "'" + field + "' findings do not belong to an adverse event coded '" + term + "'");
        }
    }
}
