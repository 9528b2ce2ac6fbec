package org.cartrial.support.axon;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store, telling its tracking processors to look for new events when the database
 * transaction that stored them commits. Axon's unit of work tells them at its own commit; a write with an
 * Idempotency-Key runs in an outer transaction that commits later, and the processors would then find the events
 * only at their next periodic look (the fetch delay). So while a Spring transaction is active, the signal waits
 * for its commit.
 */
public class CommitAwareEventStore extends EmbeddedEventStore {

    protected CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    CommitAwareEventStore.super.afterCommit(events);
                }
            });
        } else {
            super.afterCommit(events);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The embedded store's builder, building this store. */
    public static class Builder extends EmbeddedEventStore.Builder {
        @Override
        public CommitAwareEventStore build() {
            return new CommitAwareEventStore(this);
        }
    }
}
