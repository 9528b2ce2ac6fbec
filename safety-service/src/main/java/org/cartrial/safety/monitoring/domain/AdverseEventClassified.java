package org.cartrial.safety.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The monitor (re)classified an adverse event: a toxicity of interest, or (after a correction or recoding) no longer
 * one ({@code toxicity} null). Internal to the safety context.
 */
public record AdverseEventClassified(String monitorId, String adverseEventId, String subjectId, String siteId,
        String toxicity, LocalDate occurredOn, Instant recordedAt) {
}
