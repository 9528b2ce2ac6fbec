package org.cartrial.infusion.readiness.domain;

/** One reason the CD22 gate is closed: a stable code, the part of the clinical state at fault, and a message. */
public record GateReason(String code, String field, String message) {
}
