package org.cartrial.support.events;

import java.time.Instant;

import org.cartrial.api.TrialEvent;

/** A published event as a consumer receives it: its id (for de-duplication), type, time, caller and payload. */
public record ReceivedEvent(String eventId, String type, Instant recordedAt, String actorUser, TrialEvent payload) {
}
