package org.cartrial.enrollment.site;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.site.domain.RegisteredSites;
import org.cartrial.enrollment.site.domain.Site;

/**
 * The registered sites as the event store holds them, asked at each screening: a site is registered when its
 * stream has an event. Reading the store (not the site directory) means a screening right after the registration
 * already sees it.
 */
class EventStoreRegisteredSites implements RegisteredSites {

    private final EventStore eventStore;

    EventStoreRegisteredSites(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isRegistered(String siteId) {
        return siteId != null && eventStore.lastSequenceNumberFor(Site.streamId(siteId)).isPresent();
    }
}
