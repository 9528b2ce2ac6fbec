package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.SiteScope;

/**
 * Corrects the relapse recorded wrongly, with the reason; values null are kept as recorded, {@code cleared} names
 * the antigens set back to not tested ({@code cd19Positive}, {@code cd22Positive}).
 */
public record CorrectRelapse(@TargetAggregateIdentifier String subjectId, String siteId, String reason,
        String correctedBy, LocalDate detectedOn, RelapseSite relapseSite, Boolean cd19Positive, Boolean cd22Positive,
        SiteScope scope, ClearedFields cleared) {

    public CorrectRelapse {
        cleared = cleared == null ? ClearedFields.NONE : cleared;
    }

    public CorrectRelapse(String subjectId, String siteId, String reason, String correctedBy, LocalDate detectedOn,
            RelapseSite relapseSite, Boolean cd19Positive, Boolean cd22Positive, SiteScope scope) {
        this(subjectId, siteId, reason, correctedBy, detectedOn, relapseSite, cd19Positive, cd22Positive, scope,
                ClearedFields.NONE);
    }
}
