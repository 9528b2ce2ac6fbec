package org.cartrial.safety.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;

/** The monitor counted a CD19-infused subject in the rule's denominator (internal to the safety context). */
public record InfusedSubjectCounted(String monitorId, String subjectId, String siteId, LocalDate day0,
        Instant recordedAt) {
}
