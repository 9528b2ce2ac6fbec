package org.cartrial.safety.adverseevent.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/**
 * The report a reporting clock waits for was sent: to the SPONSOR (the site's SAE report) or to the REGULATOR (the
 * sponsor's SUSAR report), at {@code sentAt}. Closes the clock, on time or late.
 */
public record RecordReportSent(
        @TargetAggregateIdentifier String adverseEventId,
        SiteScope scope,
        ReportRecipient recipient,
        Instant sentAt) {
}
