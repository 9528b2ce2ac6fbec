package org.cartrial.infusion.readiness.domain;

import java.time.Instant;

/** How far a clinical state has read: the last event applied to it ({@code ce_id}) and that event's recordedAt. */
public record StatePosition(String lastEventId, Instant recordedAt) {
}
