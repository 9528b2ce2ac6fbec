package org.cartrial.support.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;

/**
 * The published event types a consumer binding's function uses, declared beside the function. Records of any other
 * type are acknowledged without being read ({@link UnusedEventFilter}): a topic carries every event of its context,
 * and a read model that needs one type of it (the protocol versions need only amendments, safety's enrolled subjects
 * only enrolments) otherwise paid the whole consumer pipeline, conversion and observation for every screening.
 * A record whose type is missing or unknown is always passed on, so the reader still dead-letters it.
 *
 * @param binding the consumer binding, e.g. {@code protocolEvents-in-0}
 * @param types   the event types (or shared interfaces, such as an adverse event's versions) its function applies
 */
public record ConsumedEventTypes(String binding, Set<Class<? extends TrialEvent>> types) {

    public ConsumedEventTypes {
        types = Set.copyOf(types);
    }

    @SafeVarargs
    public static ConsumedEventTypes of(String binding, Class<? extends TrialEvent>... types) {
        return new ConsumedEventTypes(binding, Set.of(types));
    }

    /** Whether a record of the CloudEvents type {@code ceType} may matter to the binding's function. */
    public boolean uses(String ceType) {
        Optional<Class<? extends TrialEvent>> type = ceType == null ? Optional.empty() : EventCatalogue.classOf(ceType);
        return type.isEmpty() || types.stream().anyMatch(used -> used.isAssignableFrom(type.get()));
    }

    /** The types of the catalogue this binding does not read: what its filter discards. */
    public List<Class<? extends TrialEvent>> unused() {
        return EventCatalogue.EVENTS.stream().filter(e -> types.stream().noneMatch(t -> t.isAssignableFrom(e))).toList();
    }
}
