package org.cartrial.enrollment.screening.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientScreened.Consent;
import org.cartrial.api.enrollment.PatientScreened.DiagnosticWorkup;
import org.cartrial.api.protocol.ProtocolSettings;

/**
 * Decides eligibility from a screening's findings under one protocol version. Every criterion is checked, so an
 * ineligible answer names all that failed. Input that cannot describe a real screening (a score not on its scale,
 * persistent MRD without its start date) is refused instead, because no decision can be taken on it.
 */
public final class EligibilityRules {

    private EligibilityRules() {
    }

    public static EligibilityDecision decide(ScreeningFindings findings, ProtocolSettings protocol) {
        refuseImpossibleInput(findings);
        List<FailedCriterion> failed = new ArrayList<>();
        BigDecimal age = findings.ageYears();

        if (age.compareTo(protocol.minAgeYears()) < 0 || age.compareTo(protocol.maxAgeYears()) > 0) {
            fail(failed, EligibilityCriterion.AGE_IN_RANGE, "age " + plain(age) + " years is outside "
                    + plain(protocol.minAgeYears()) + "-" + plain(protocol.maxAgeYears()) + " years");
        }
        checkPerformance(findings, protocol, failed);
        checkDiagnosis(findings.diagnosticWorkup(), failed);
        checkDiseaseStatus(findings, protocol, failed);
        checkExpression(EligibilityCriterion.CD19_EXPRESSION, "CD19", findings.cd19ExpressionPercent(),
                protocol.cd19ExpressionAbovePercent(), failed);
        checkExpression(EligibilityCriterion.CD22_EXPRESSION, "CD22", findings.cd22ExpressionPercent(),
                protocol.cd22ExpressionAbovePercent(), failed);
        checkConsent(findings, protocol, failed);
        return new EligibilityDecision(failed.isEmpty(), failed, protocol.version());
    }

    private static void refuseImpossibleInput(ScreeningFindings findings) {
        if (!findings.performanceScale().admits(findings.performanceScore())) {
            throw CommandRefused.ruleBroken("performance-score-not-on-scale", "performanceScore",
                    findings.performanceScore() + " is not a score of the " + findings.performanceScale() + " scale");
        }
        if (findings.diseaseStatus() == DiseaseStatus.PERSISTENT_MRD && findings.mrdPositiveSince() == null) {
            throw CommandRefused.ruleBroken("mrd-positive-since-required", "mrdPositiveSince",
                    "persistent MRD needs the date since which the subject has been MRD-positive");
        }
        if (findings.mrdPositiveSince() != null && findings.mrdPositiveSince().isAfter(findings.screenedOn())) {
            throw CommandRefused.ruleBroken("mrd-positive-since-after-screening", "mrdPositiveSince",
                    "MRD positivity cannot start after the screening date");
        }
    }

    private static void checkPerformance(ScreeningFindings findings, ProtocolSettings protocol,
            List<FailedCriterion> failed) {
        boolean child = findings.ageYears().compareTo(protocol.lanskyBelowAgeYears()) < 0;
        PerformanceScale scale = findings.performanceScale();
        if (child != (scale == PerformanceScale.LANSKY)) {
            fail(failed, EligibilityCriterion.PERFORMANCE_SCALE, child
                    ? "under " + plain(protocol.lanskyBelowAgeYears()) + " years performance is scored on the Lansky scale"
                    : "from " + plain(protocol.lanskyBelowAgeYears()) + " years performance is scored on Karnofsky or ECOG");
            return;
        }
        int score = findings.performanceScore();
        boolean fit = switch (scale) {
            case LANSKY -> score >= protocol.minLansky();
            case KARNOFSKY -> score >= protocol.minKarnofsky();
            case ECOG -> score <= protocol.maxEcog();
        };
        if (!fit) {
            String bound = switch (scale) {
                case LANSKY -> "Lansky >= " + protocol.minLansky();
                case KARNOFSKY -> "Karnofsky >= " + protocol.minKarnofsky();
                case ECOG -> "ECOG <= " + protocol.maxEcog();
            };
            fail(failed, EligibilityCriterion.PERFORMANCE_STATUS, scale + " " + score + " does not meet " + bound);
        }
    }

    private static void checkDiagnosis(DiagnosticWorkup workup, List<FailedCriterion> failed) {
        if (!workup.whoBAllByMorphology()) {
            fail(failed, EligibilityCriterion.B_ALL_DIAGNOSIS, "no WHO-classified B-ALL by morphology");
        }
        List<String> missing = new ArrayList<>();
        if (!workup.flowImmunophenotypeDone()) {
            missing.add("FCM immunophenotype");
        }
        if (!workup.karyotypeDone()) {
            missing.add("G-banding karyotype");
        }
        if (!workup.fusionGeneScreenDone()) {
            missing.add("fusion-gene screen");
        }
        if (!missing.isEmpty()) {
            fail(failed, EligibilityCriterion.DIAGNOSTIC_WORKUP, "work-up incomplete: " + String.join(", ", missing));
        }
    }

    private static void checkDiseaseStatus(ScreeningFindings findings, ProtocolSettings protocol,
            List<FailedCriterion> failed) {
        switch (findings.diseaseStatus()) {
            case RELAPSED_REFRACTORY -> {
            }
            case PERSISTENT_MRD -> {
                // "more than 3 months": the start plus 3 calendar months must lie before the screening date
                if (!findings.mrdPositiveSince().plusMonths(protocol.mrdPositiveMoreThanMonths())
                        .isBefore(findings.screenedOn())) {
                    fail(failed, EligibilityCriterion.MRD_DURATION, "MRD-positive since " + findings.mrdPositiveSince()
                            + ", not more than " + protocol.mrdPositiveMoreThanMonths() + " months before screening");
                }
            }
            case OTHER -> fail(failed, EligibilityCriterion.DISEASE_STATUS,
                    "neither relapsed after failed re-induction nor persistently MRD-positive");
        }
    }

    private static void checkExpression(EligibilityCriterion criterion, String antigen, BigDecimal percent,
            BigDecimal above, List<FailedCriterion> failed) {
        if (percent.compareTo(above) <= 0) {
            fail(failed, criterion, antigen + " on " + plain(percent) + "% of blasts; must be above " + plain(above) + "%");
        }
    }

    private static void checkConsent(ScreeningFindings findings, ProtocolSettings protocol, List<FailedCriterion> failed) {
        Consent consent = findings.consent();
        if (consent == null || consent.guardianConsentOn() == null || consent.consentFormVersion() == null) {
            fail(failed, EligibilityCriterion.GUARDIAN_CONSENT, "no guardian consent recorded");
        } else if (consent.guardianConsentOn().isAfter(findings.screenedOn())) {
            fail(failed, EligibilityCriterion.GUARDIAN_CONSENT, "guardian consent dated " + consent.guardianConsentOn()
                    + ", after the screening on " + findings.screenedOn());
        }
        if (findings.ageYears().compareTo(protocol.assentFromAgeYears()) >= 0) {
            if (consent == null || consent.childAssentOn() == null) {
                fail(failed, EligibilityCriterion.CHILD_ASSENT, "a child from " + plain(protocol.assentFromAgeYears())
                        + " years must give assent");
            } else if (consent.childAssentOn().isAfter(findings.screenedOn())) {
                fail(failed, EligibilityCriterion.CHILD_ASSENT, "assent dated " + consent.childAssentOn()
                        + ", after the screening on " + findings.screenedOn());
            }
        }
    }

    private static void fail(List<FailedCriterion> failed, EligibilityCriterion criterion, String message) {
        failed.add(new FailedCriterion(criterion.code(), message));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
