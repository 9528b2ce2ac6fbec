package org.cartrial.api.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A bone-marrow and blood response assessment (protocol section 4): the findings, the category the platform
 * derived from them, the investigator's own call beside it, and the MRD status derived from the MRD result and
 * the assay's detection limit ({@code mrdNegative} is null when MRD was not measured or the assay could not
 * reach the threshold).
 */
@PublishedEvent(context = TrialContext.OUTCOMES)
public record ResponseAssessed(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String assessmentId,
        BigDecimal marrowBlastsPercent,
        boolean circulatingBlasts,
        boolean extramedullaryDisease,
        String cnsStatus,
        BigDecimal ancPer10e9L,
        BigDecimal plateletsPer10e9L,
        BigDecimal mrdPercent,
        BigDecimal mrdDetectionLimitPercent,
        ResponseCategory derivedResponse,
        ResponseCategory investigatorResponse,
        Boolean mrdNegative,
        String protocolVersion) implements TrialEvent {

    /** CR or CRi, with MRD below the threshold: what the CD22 gate asks for. */
    public boolean mrdNegativeRemission() {
        return (derivedResponse == ResponseCategory.CR || derivedResponse == ResponseCategory.CRI)
                && Boolean.TRUE.equals(mrdNegative);
    }
}
