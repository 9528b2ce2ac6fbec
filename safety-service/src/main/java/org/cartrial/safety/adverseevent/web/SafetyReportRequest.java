package org.cartrial.safety.adverseevent.web;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

import org.cartrial.safety.adverseevent.domain.ReportRecipient;

/**
 * The report a reporting clock waits for was sent: to the SPONSOR (the site's SAE report) or to the REGULATOR (the
 * sponsor's SUSAR report), at {@code sentAt} (ISO-8601 instant).
 */
record SafetyReportRequest(@NotNull ReportRecipient recipient, @NotNull Instant sentAt) {
}
