package org.cartrial.enrollment.site;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.site.domain.RegisteredSites;
import org.cartrial.enrollment.site.domain.Site;

/**
 * The registered sites as the event store holds them, asked at each screening: a site is registered when its
 * stream has an event. Reading the store (not the site directory) means a screening right after the registration
 * already sees it. A site is never unregistered, so a site once seen registered is remembered and not read again;
 * an unknown site is read every time, so a registration by any instance is seen by the next screening.
 */
class EventStoreRegisteredSites implements RegisteredSites {

    private final EventStore eventStore;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    EventStoreRegisteredSites(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isRegistered(String siteId) {
        if (siteId == null) {
            return false;
        }
        if (registered.contains(siteId)) {
            return true;
        }
        boolean inStore = eventStore.lastSequenceNumberFor(Site.streamId(siteId)).isPresent();
        if (inStore) {
            registered.add(siteId);
        }
        return inStore;
    }
}
