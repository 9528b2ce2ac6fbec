package org.cartrial.safety.infusedsubject.query;

import java.time.Instant;
import java.time.LocalDate;

/** A subject who got CD19 CAR-T, and day 0 of every safety clock: the CD19 infusion date. */
public record InfusedSubject(String subjectId, String siteId, LocalDate day0, Instant cd19InfusedAt) {
}
