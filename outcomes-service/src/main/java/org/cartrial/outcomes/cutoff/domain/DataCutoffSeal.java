package org.cartrial.outcomes.cutoff.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;

/**
 * The lock of one data cut-off. A cut-off is sealed once: its figures can be reproduced from the sealed position
 * ever after, and whatever is recorded later about a date before it shows as "after lock".
 */
public class DataCutoffSeal {

    @AggregateIdentifier
    private String sealId;
    private boolean sealed;

    protected DataCutoffSeal() {
        // for Axon
    }

    public static String idOf(LocalDate cutoff) {
        return "cutoff-" + cutoff;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DataCutoffSealed handle(SealDataCutoff command, Clock clock) {
        if (sealed) {
            throw CommandRefused.conflict("cutoff-sealed", "The data cut-off " + command.cutoff()
                    + " is sealed already; its figures stay as sealed.");
        }
        Instant now = Instant.now(clock);
        if (command.cutoff().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw CommandRefused.ruleBroken("cutoff-in-future", "cutoff",
                    "A data cut-off in the future cannot be sealed: its data are not all in.");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason", "Say why the cut-off is sealed (e.g. the DSMB"
                    + " meeting or the interim analysis it serves).");
        }
        DataCutoffSealed event = new DataCutoffSealed(command.sealId(), command.cutoff(), command.recordedUpTo(),
                command.position(), command.facts(), command.contentHash(), command.reason().strip(), now);
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(DataCutoffSealed event) {
        sealId = event.sealId();
        sealed = true;
    }
}
