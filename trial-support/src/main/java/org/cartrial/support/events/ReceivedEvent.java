package org.cartrial.support.events;

import java.time.Instant;

import org.cartrial.api.TrialEvent;

/**
 * A published event as a consumer receives it: its id (for de-duplication), type, time, caller, payload and, from
 * Kafka, its position (null where it was not read from a topic).
 */
public record ReceivedEvent(String eventId, String type, Instant recordedAt, String actorUser, TrialEvent payload,
        EventPosition position) {

    public ReceivedEvent(String eventId, String type, Instant recordedAt, String actorUser, TrialEvent payload) {
        this(eventId, type, recordedAt, actorUser, payload, null);
    }
}
