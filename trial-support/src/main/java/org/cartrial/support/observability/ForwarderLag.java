package org.cartrial.support.observability;

import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.support.events.DomainEventForwarder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code trial.forwarder.lag}: events stored in this service's event store but not yet acknowledged by Kafka, i.e.
 * the head of the store minus the position of the slowest forwarder segment this instance holds. Zero in steady
 * state; growing means the broker is away or slow, and every cross-context read waits for it.
 */
public class ForwarderLag implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ForwarderLag(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("trial.forwarder.lag", this, ForwarderLag::eventsNotForwarded)
                .description("Events stored but not yet on Kafka (segments held by this instance)")
                .baseUnit("events")
                .register(registry);
    }

    double eventsNotForwarded() {
        StreamingEventProcessor forwarder = processing
                .eventProcessor(DomainEventForwarder.PROCESSING_GROUP, StreamingEventProcessor.class).orElse(null);
        if (forwarder == null) {
            return Double.NaN;
        }
        Map<Integer, EventTrackerStatus> segments = forwarder.processingStatus();
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        TrackingToken head = eventStore.createHeadToken();
        if (head == null || head.position().isEmpty()) {
            return 0; // an empty store has nothing to forward
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong position = status.getCurrentPosition();
            slowest = Math.min(slowest, position.orElse(0)); // global indexes start at 1
        }
        return Math.max(0, head.position().getAsLong() - slowest);
    }
}
