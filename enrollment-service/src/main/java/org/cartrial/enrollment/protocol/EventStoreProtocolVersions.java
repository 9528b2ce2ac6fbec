package org.cartrial.enrollment.protocol;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.cartrial.enrollment.protocol.domain.ProtocolAmended;
import org.cartrial.enrollment.protocol.domain.ProtocolHistory;
import org.cartrial.enrollment.protocol.domain.ProtocolSettings;
import org.cartrial.enrollment.protocol.domain.ProtocolVersions;

/**
 * The protocol versions as the event store holds them, read at each decision: amendments are few, and reading
 * the protocol's own stream means a decision can never use a version older than the latest committed amendment.
 */
class EventStoreProtocolVersions implements ProtocolVersions {

    private final EventStore eventStore;

    EventStoreProtocolVersions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    private ProtocolHistory history() {
        List<ProtocolSettings> amendments = eventStore.readEvents(Protocol.ID).asStream()
                .map(e -> e.getPayload())
                .filter(ProtocolAmended.class::isInstance)
                .map(p -> ((ProtocolAmended) p).settings())
                .toList();
        return ProtocolHistory.of(amendments);
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
