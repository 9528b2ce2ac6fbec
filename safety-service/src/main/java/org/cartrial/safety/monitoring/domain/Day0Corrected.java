package org.cartrial.safety.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The monitor moved a counted subject's day 0 after a corrected CD19 infusion ({@code correctionId}: the published
 * correction's event id). Internal to the safety context.
 */
public record Day0Corrected(String monitorId, String subjectId, String siteId, LocalDate previousDay0,
        LocalDate day0, String correctionId, Instant recordedAt) {
}
