package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;

import org.cartrial.api.outcomes.ResponseCategory;

/** Derives the response category and the MRD status from an assessment's findings (protocol section 4). */
public final class ResponseDerivation {

    private ResponseDerivation() {
    }

    /**
     * CR, CRi, PR or NR. PR needs a baseline: the marrow blasts must have fallen by at least the setting's
     * fraction from the baseline and be at most its bound; without a baseline no PR can be shown.
     */
    public static ResponseCategory derive(MarrowAndBloodFindings findings, BigDecimal baselineBlastsPercent,
            ResponseCriteria criteria) {
        boolean marrowClear = findings.marrowBlastsPercent().compareTo(criteria.crMarrowBlastsBelowPercent()) < 0;
        if (marrowClear && !findings.diseaseOutsideMarrow()) {
            boolean countsRecovered = findings.ancPer10e9L().compareTo(criteria.minAncPer10e9L()) >= 0
                    && findings.plateletsPer10e9L().compareTo(criteria.minPlateletsPer10e9L()) >= 0;
            return countsRecovered ? ResponseCategory.CR : ResponseCategory.CRI;
        }
        if (baselineBlastsPercent != null && baselineBlastsPercent.signum() > 0) {
            BigDecimal reduction = BigDecimal.ONE.subtract(
                    findings.marrowBlastsPercent().divide(baselineBlastsPercent, 10, java.math.RoundingMode.HALF_EVEN));
            if (reduction.compareTo(criteria.partialResponseMinReduction()) >= 0
                    && findings.marrowBlastsPercent().compareTo(criteria.partialResponseMaxBlastsPercent()) <= 0) {
                return ResponseCategory.PR;
            }
        }
        return ResponseCategory.NR;
    }

    /**
     * TRUE below the threshold, FALSE at or above it, null when MRD was not measured or the assay's detection
     * limit does not reach the threshold (an undetectable result there proves nothing).
     */
    public static Boolean mrdNegative(MarrowAndBloodFindings findings, ResponseCriteria criteria) {
        if (findings.mrdPercent() == null) {
            return null;
        }
        if (findings.mrdPercent().compareTo(criteria.mrdNegativeBelowPercent()) >= 0) {
            return Boolean.FALSE;
        }
        BigDecimal limit = findings.mrdDetectionLimitPercent();
        return limit != null && limit.compareTo(criteria.mrdNegativeBelowPercent()) <= 0 ? Boolean.TRUE : null;
    }

    /** Relapse after remission, from an assessment's findings (protocol 4). */
    public static boolean showsRelapse(MarrowAndBloodFindings findings, ResponseCriteria criteria) {
        return findings.marrowBlastsPercent().compareTo(criteria.relapseMarrowBlastsAbovePercent()) > 0
                || findings.diseaseOutsideMarrow();
    }
}
