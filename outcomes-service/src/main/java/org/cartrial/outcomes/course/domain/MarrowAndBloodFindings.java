package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;

/** What a response assessment measured in bone marrow and blood; MRD by flow cytometry may be absent. */
public record MarrowAndBloodFindings(
        BigDecimal marrowBlastsPercent,
        boolean circulatingBlasts,
        boolean extramedullaryDisease,
        CnsStatus cnsStatus,
        BigDecimal ancPer10e9L,
        BigDecimal plateletsPer10e9L,
        BigDecimal mrdPercent,
        BigDecimal mrdDetectionLimitPercent) {

    boolean diseaseOutsideMarrow() {
        return circulatingBlasts || extramedullaryDisease || cnsStatus != CnsStatus.CNS1;
    }
}
