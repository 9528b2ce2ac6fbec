package org.cartrial.support.consistency;

import java.util.Objects;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.cartrial.support.events.DomainEventForwarder;

/**
 * Which subjects this instance's forwarder sends: the token segments its tracking processor has claimed. With
 * several instances, an event of a subject whose segment another instance holds is forwarded there, and a write
 * here would wait for it in vain.
 */
public class ForwarderSegments {

    private final EventProcessingConfiguration processing;

    public ForwarderSegments(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** True if this instance's forwarder holds the segment of the subject (events sequenced by subject id). */
    public boolean forwardsHere(String subjectId) {
        EventProcessor processor = processing.eventProcessor(DomainEventForwarder.PROCESSING_GROUP).orElse(null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return false;
        }
        int hash = Objects.hashCode(subjectId);
        return streaming.processingStatus().values().stream()
                .anyMatch(status -> !status.isErrorState() && status.getSegment().matches(hash));
    }
}
