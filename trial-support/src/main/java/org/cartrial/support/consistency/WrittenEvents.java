package org.cartrial.support.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;

/**
 * The published events a request's commands stored, collected on the request's thread (Axon's command bus
 * handles a command on the thread that sends it). An event counts only once its unit of work committed, so a
 * refused command contributes nothing.
 */
public class WrittenEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    /** A published event a request stored, and the subject its forwarder sequences it by. */
    public record Written(String eventId, String subjectId) {
    }

    private final ThreadLocal<List<Written>> collecting = new ThreadLocal<>();

    /** Starts collecting for the current thread; close the scope to stop. */
    public Scope open() {
        List<Written> ids = new ArrayList<>();
        collecting.set(ids);
        return new Scope(ids);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            List<Written> ids = collecting.get();
            if (ids != null && EventCatalogue.isPublished(event.getPayloadType())
                    && event.getPayload() instanceof TrialEvent trialEvent) {
                Written id = new Written(event.getIdentifier(), trialEvent.subjectId());
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(unitOfWork -> ids.add(id));
                } else {
                    ids.add(id);
                }
            }
            return event;
        };
    }

    /** The events collected so far on this thread's request. */
    public final class Scope implements AutoCloseable {
        private final List<Written> ids;

        private Scope(List<Written> ids) {
            this.ids = ids;
        }

        public List<Written> events() {
            return List.copyOf(ids);
        }

        @Override
        public void close() {
            collecting.remove();
        }
    }
}
