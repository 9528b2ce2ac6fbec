package org.cartrial.enrollment.protocol.domain;

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
 * The trial's protocol as a sequence of amendments. An amendment takes effect after every earlier one, so
 * decisions already taken keep the version they used and a date always maps to exactly one version.
 */
public class Protocol {

    public static final String ID = "cartrial-protocol";

    @AggregateIdentifier
    private String protocolId;
    private final ProtocolHistory history = new ProtocolHistory();

    protected Protocol() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AmendProtocol command, Clock clock) {
        ProtocolSettings settings = command.settings();
        if (history.hasVersion(settings.version())) {
            throw CommandRefused.conflict("protocol-version-exists", "Protocol version " + settings.version()
                    + " exists already; an amendment needs a new version.");
        }
        if (!settings.effectiveFrom().isAfter(history.latestEffectiveFrom())) {
            throw CommandRefused.ruleBroken("amendment-not-after-latest", "effectiveFrom",
                    "An amendment must take effect after the latest version (" + history.latestEffectiveFrom() + ").");
        }
        if (settings.minAgeYears().compareTo(settings.maxAgeYears()) > 0
                || settings.minDose10e6CellsPerKg().compareTo(settings.maxDose10e6CellsPerKg()) > 0) {
            throw CommandRefused.ruleBroken("range-inverted", "settings",
                    "A lower bound of the amendment lies above its upper bound.");
        }
        apply(new ProtocolAmended(settings, command.reason(), Instant.now(clock)));
    }

    @EventSourcingHandler
    void on(ProtocolAmended event) {
        protocolId = ID;
        history.add(event.settings());
    }
}
