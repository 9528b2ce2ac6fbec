package org.cartrial.safety.adverseevent.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.safety.adverseevent.domain.AdverseEventFacts;
import org.cartrial.support.security.Caller;

/**
 * One adverse event read from its own stream in the event store: always as current as the last command, and with
 * its whole history. The events carry the whole state after each change, so the view is the latest of them.
 */
public class AdverseEventHistory {

    private final EventStore eventStore;

    public AdverseEventHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<AdverseEventView> find(String adverseEventId) {
        List<Object> payloads = new ArrayList<>();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        eventStore.readEvents(adverseEventId).asStream().forEach(m -> {
            messages.add(m);
            payloads.add(m.getPayload());
        });
        if (payloads.isEmpty() || !(payloads.get(0) instanceof AdverseEventReported reported)) {
            return Optional.empty();
        }
        List<AdverseEventView.Entry> history = new ArrayList<>();
        AdverseEventDetails current = null;
        for (DomainEventMessage<?> message : messages) {
            Object payload = message.getPayload();
            String recordedBy = (String) message.getMetaData().get(Caller.META_USER);
            AdverseEventView.Entry entry;
            if (payload instanceof AdverseEventReported r) {
                current = r.details();
                entry = entry(r, recordedBy, List.of(), null, current);
            } else if (payload instanceof AdverseEventUpdated u) {
                current = u.details();
                entry = entry(u, recordedBy, u.changes(), null, current);
            } else if (payload instanceof AdverseEventCorrected c) {
                current = c.details();
                entry = entry(c, recordedBy, c.corrections(), c.reason(), current);
            } else if (payload instanceof AdverseEventRecoded r) {
                List<String> changes = AdverseEventFacts.of(r.details()).changesFrom(AdverseEventFacts.of(current));
                current = r.details();
                entry = entry(r, recordedBy, changes, r.reason(), current);
            } else {
                continue;
            }
            history.add(entry);
        }
        AdverseEventView.Entry last = history.get(history.size() - 1);
        return Optional.of(new AdverseEventView(reported.adverseEventId(), reported.subjectId(), reported.siteId(),
                current, reported.recordedAt(), last.recordedAt(), List.copyOf(history)));
    }

    private static AdverseEventView.Entry entry(TrialEvent event, String recordedBy, List<String> changes,
            String reason, AdverseEventDetails details) {
        return new AdverseEventView.Entry(event.getClass().getSimpleName(), event.occurredOn(), event.recordedAt(),
                recordedBy, changes, reason, details);
    }
}
