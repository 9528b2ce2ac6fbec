package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.cartrial.api.enrollment.FailedCriterion;

/** Decides eligibility from a screening's findings; checks every criterion, so a refusal names all that failed. */
public class EligibilityRules {

    private final EligibilitySettings settings;

    public EligibilityRules(EligibilitySettings settings) {
        this.settings = settings;
    }

    public EligibilityDecision decide(ScreeningFindings findings) {
        List<FailedCriterion> failed = new ArrayList<>();
        BigDecimal age = findings.ageYears();
        if (age.compareTo(settings.minAgeYears()) < 0 || age.compareTo(settings.maxAgeYears()) > 0) {
            failed.add(new FailedCriterion(EligibilityCriterion.AGE_IN_RANGE.code(),
                    "age " + age.toPlainString() + " years is outside " + settings.minAgeYears().toPlainString()
                            + "-" + settings.maxAgeYears().toPlainString() + " years"));
        }
        if (findings.cd19ExpressionPercent().compareTo(settings.cd19ExpressionAbovePercent()) <= 0) {
            failed.add(new FailedCriterion(EligibilityCriterion.CD19_EXPRESSION.code(),
                    "CD19 on " + findings.cd19ExpressionPercent().toPlainString() + "% of blasts; must be above "
                            + settings.cd19ExpressionAbovePercent().toPlainString() + "%"));
        }
        if (findings.cd22ExpressionPercent().compareTo(settings.cd22ExpressionAbovePercent()) <= 0) {
            failed.add(new FailedCriterion(EligibilityCriterion.CD22_EXPRESSION.code(),
                    "CD22 on " + findings.cd22ExpressionPercent().toPlainString() + "% of blasts; must be above "
                            + settings.cd22ExpressionAbovePercent().toPlainString() + "%"));
        }
        return new EligibilityDecision(failed.isEmpty(), failed, settings.protocolVersion());
    }
}
