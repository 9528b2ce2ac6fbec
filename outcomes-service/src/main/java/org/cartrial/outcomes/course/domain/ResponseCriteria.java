package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;

/**
 * The response and relapse thresholds of protocol section 4, as one versioned setting. CR needs marrow blasts
 * strictly below {@code crMarrowBlastsBelowPercent}; MRD is negative strictly below {@code mrdNegativeBelowPercent}
 * (10^-4); relapse after remission is marrow blasts strictly above {@code relapseMarrowBlastsAbovePercent}.
 */
public record ResponseCriteria(
        String protocolVersion,
        BigDecimal crMarrowBlastsBelowPercent,
        BigDecimal minAncPer10e9L,
        BigDecimal minPlateletsPer10e9L,
        BigDecimal mrdNegativeBelowPercent,
        BigDecimal partialResponseMinReduction,
        BigDecimal partialResponseMaxBlastsPercent,
        BigDecimal relapseMarrowBlastsAbovePercent) {

    public static final ResponseCriteria VERSION_1_0 = new ResponseCriteria("1.0", new BigDecimal("5"),
            new BigDecimal("1.0"), new BigDecimal("100"), new BigDecimal("0.01"), new BigDecimal("0.5"),
            new BigDecimal("25"), new BigDecimal("5"));
}
