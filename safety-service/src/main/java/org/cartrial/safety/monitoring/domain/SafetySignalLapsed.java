package org.cartrial.safety.monitoring.domain;

import java.time.Instant;

/**
 * The counts fell back below the boundary (more subjects infused, or a toxicity corrected away), so a later
 * crossing raises a new signal. Internal to the safety context.
 */
public record SafetySignalLapsed(String monitorId, int infusedSubjects, int subjectsWithToxicity,
        double posteriorProbability, Instant recordedAt) {
}
