package org.cartrial.enrollment.site.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;

/**
 * A hospital site of the trial, one aggregate per site, rebuilt from its events. A site is registered once; its
 * code is what tokens, subjects and every published event name.
 */
public class Site {

    /**
     * Site streams share the event store with subject streams, so the site's code alone could collide with a
     * subject id ("S01" is a valid pseudonym). The prefix holds a character no subject id can contain.
     */
    public static final String STREAM_PREFIX = "site:";

    @AggregateIdentifier
    private String streamId;
    private boolean registered;

    protected Site() {
        // for Axon
    }

    public static String streamId(String siteId) {
        return STREAM_PREFIX + siteId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SiteRegistered handle(RegisterSite command, Clock clock) {
        if (registered) {
            throw CommandRefused.conflict("site-already-registered",
                    "Site " + command.siteId() + " is registered already.");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw CommandRefused.ruleBroken("site-name-required", "name", "A site is registered with its name.");
        }
        String country = command.country() == null || command.country().isBlank() ? null : command.country().strip();
        SiteRegistered event = new SiteRegistered(command.siteId(), command.name().strip(), country,
                Instant.now(clock));
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(SiteRegistered event) {
        streamId = streamId(event.siteId());
        registered = true;
    }
}
