package org.cartrial.enrollment.protocol.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;

/**
 * The trial's protocol as a sequence of amendments, the one owner of the protocol settings. An amendment takes
 * effect after every earlier one, so decisions already taken keep the version they used and a date always maps to
 * exactly one version. An amendment that leaves a setting out keeps that setting's value from the latest version:
 * the published {@link ProtocolAmended} always carries the version's full settings, which every other context
 * applies from its effective date on.
 */
public class Protocol {

    public static final String ID = ProtocolSettings.PROTOCOL_ID;

    @AggregateIdentifier
    private String protocolId;
    private final ProtocolHistory history = new ProtocolHistory();

    protected Protocol() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AmendProtocol command, Clock clock) {
        ProtocolSettings settings = command.settings().completedBy(history.latest());
        if (history.hasVersion(settings.version())) {
            throw CommandRefused.conflict("protocol-version-exists", "Protocol version " + settings.version()
                    + " exists already; an amendment needs a new version.");
        }
        if (!settings.effectiveFrom().isAfter(history.latestEffectiveFrom())) {
            throw CommandRefused.ruleBroken("amendment-not-after-latest", "effectiveFrom",
                    "An amendment must take effect after the latest version (" + history.latestEffectiveFrom() + ").");
        }
        if (settings.hasInvertedRange()) {
            throw CommandRefused.ruleBroken("range-inverted", "settings",
                    "A lower bound of the amendment lies above its upper bound.");
        }
        if (settings.hasInvalidSafetyRules()) {
            throw CommandRefused.ruleBroken("safety-rules-invalid", "settings", "The monitoring rule needs a positive"
                    + " Beta prior and thresholds strictly between 0 and 1, the SAE report window at least an hour.");
        }
        List<String> invalidResponse = settings.invalidResponseCriteria();
        if (!invalidResponse.isEmpty()) {
            throw CommandRefused.ruleBroken("response-criteria-invalid", invalidResponse.get(0), "The response"
                    + " criteria cannot be applied with " + String.join(", ", invalidResponse) + ": blast and MRD"
                    + " thresholds are percentages above 0 (MRD and relapse blasts below 100, the others at most 100),"
                    + " ANC and platelets positive, the partial response's reduction a fraction above 0 and at most 1.");
        }
        apply(new ProtocolAmended(settings, command.reason(), Instant.now(clock)));
    }

    @EventSourcingHandler
    void on(ProtocolAmended event) {
        protocolId = ID;
        history.add(event.settings());
    }
}
