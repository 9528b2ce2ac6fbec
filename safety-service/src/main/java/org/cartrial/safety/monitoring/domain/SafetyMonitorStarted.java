package org.cartrial.safety.monitoring.domain;

import java.time.Instant;

/** The trial's safety monitor was started, by the first infusion or adverse event it learnt. Internal event. */
public record SafetyMonitorStarted(String monitorId, String rule, Instant recordedAt) {
}
