package org.cartrial.enrollment.protocol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;

/**
 * The protocol versions as the event store holds them: a decision can never use a version older than the latest
 * committed amendment. Reading and deserialising the whole stream at each decision was a visible part of every
 * screening's cost (issue 10), so the history is kept with the sequence number of the stream's last event and read
 * again only when the store's last sequence number differs: one indexed look-up per decision, and an amendment by
 * this or any other instance is seen by the very next decision.
 */
class EventStoreProtocolVersions implements ProtocolVersions {

    /** The history as read, and the sequence number of the last event it was read up to (-1: empty stream). */
    private record ReadHistory(long lastSequenceNumber, ProtocolHistory history) {
    }

    private final EventStore eventStore;
    private volatile ReadHistory read = new ReadHistory(Long.MIN_VALUE, null);

    EventStoreProtocolVersions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    private ProtocolHistory history() {
        long last = eventStore.lastSequenceNumberFor(Protocol.ID).orElse(-1L);
        ReadHistory known = read;
        if (known.lastSequenceNumber() == last) {
            return known.history();
        }
        DomainEventStream events = eventStore.readEvents(Protocol.ID);
        List<ProtocolSettings> amendments = new ArrayList<>();
        events.forEachRemaining(e -> {
            if (e.getPayload() instanceof ProtocolAmended amended) {
                amendments.add(amended.settings());
            }
        });
        Long readUpTo = events.getLastSequenceNumber();
        ProtocolHistory history = ProtocolHistory.of(amendments);
        read = new ReadHistory(readUpTo == null ? -1L : readUpTo, history);
        return history;
    }

    @Override
    public ProtocolSettings effectiveOn(LocalDate date) {
        return history().effectiveOn(date);
    }

    @Override
    public List<ProtocolSettings> all() {
        return history().all();
    }
}
