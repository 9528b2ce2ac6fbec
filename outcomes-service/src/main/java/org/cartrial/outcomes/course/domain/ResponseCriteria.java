package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;

import org.cartrial.api.protocol.ProtocolSettings;

/**
 * The response and relapse thresholds of protocol section 4 of one protocol version: a view of the version's
 * {@link ProtocolSettings}, which hold the values (and their defaults). CR needs marrow blasts strictly below
 * {@code crMarrowBlastsBelowPercent}; MRD is negative strictly below {@code mrdNegativeBelowPercent} (10^-4);
 * relapse after remission is marrow blasts strictly above {@code relapseMarrowBlastsAbovePercent}.
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

    /** The criteria of a complete protocol version (as {@code ProtocolVersions.effectiveOn} gives it). */
    public static ResponseCriteria of(ProtocolSettings settings) {
        return new ResponseCriteria(settings.version(), settings.crMarrowBlastsBelowPercent(),
                settings.minAncPer10e9L(), settings.minPlateletsPer10e9L(), settings.mrdNegativeBelowPercent(),
                settings.partialResponseMinReduction(), settings.partialResponseMaxBlastsPercent(),
                settings.relapseMarrowBlastsAbovePercent());
    }
}
