package org.cartrial.enrollment.site.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin registers a hospital site, so that it may screen subjects; {@code country} is optional. */
public record RegisterSite(String siteId, String name, String country) {

    /** The site's stream in the event store (see {@link Site#streamId}). */
    @TargetAggregateIdentifier
    public String streamId() {
        return Site.streamId(siteId);
    }
}
