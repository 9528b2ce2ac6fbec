package org.cartrial.safety.surveillance.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;

/**
 * The CRS or ICANS surveillance of one subject (id = subject id and syndrome), rebuilt from its events. The site
 * closes it once, recording the period it watched and that the syndrome was not seen, which makes the subject's
 * maximum grade of that syndrome 0 (ASTCT 2019: "none") rather than "not reported". A syndrome that was seen is
 * reported as an adverse event, graded from its findings; an adverse event reported later still outranks grade 0
 * wherever the grades are read. Nothing recorded is overwritten: a second completion is refused.
 */
public class ToxicitySurveillance {

    @AggregateIdentifier
    private String surveillanceId;
    private String siteId;
    private boolean completed;

    protected ToxicitySurveillance() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ToxicitySurveillanceCompleted handle(CompleteToxicitySurveillance command, Clock clock,
            ProtocolVersions protocol) {
        if (completed) {
            requireInScope(command.scope(), command);
            throw CommandRefused.conflict("surveillance-already-completed", "The " + command.syndrome()
                    + " surveillance of subject " + command.subjectId() + " was completed already; nothing is"
                    + " overwritten.");
        }
        if (command.syndrome() == null) {
            throw CommandRefused.ruleBroken("syndrome-required", "syndrome", "name the syndrome: CRS or ICANS");
        }
        if (command.syndromeObserved()) {
            throw CommandRefused.ruleBroken("syndrome-observed", "observed", command.syndrome() + " that was observed"
                    + " is reported as an adverse event with its ASTCT findings, which grade it; a completed"
                    + " surveillance records only that the syndrome was not observed");
        }
        LocalDate from = required(command.observedFrom(), "observedFrom");
        LocalDate to = required(command.observedTo(), "observedTo");
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        notInTheFuture(from, today, "observedFrom");
        notInTheFuture(to, today, "observedTo");
        if (to.isBefore(from)) {
            throw CommandRefused.ruleBroken("observation-period-reversed", "observedTo",
                    "the observation ends on " + to + ", before it starts on " + from);
        }
        ToxicitySurveillanceCompleted event = new ToxicitySurveillanceCompleted(command.subjectId(),
                command.siteId(), to, now, command.syndrome().name(), from, to, false,
                protocol.effectiveOn(to).version());
        apply(event);
        return event;
    }

    private void requireInScope(SiteScope scope, CompleteToxicitySurveillance command) {
        if (scope == null || !scope.covers(siteId)) {
            throw CommandRefused.notFound("subject-not-found",
                    "No subject " + command.subjectId() + " at your sites.");
        }
    }

    private static LocalDate required(LocalDate date, String field) {
        if (date == null) {
            throw CommandRefused.ruleBroken(field + "-required", field, field + " is required");
        }
        return date;
    }

    private static void notInTheFuture(LocalDate date, LocalDate today, String field) {
        if (date.isAfter(today)) {
            throw CommandRefused.ruleBroken("observed-in-the-future", field,
                    field + " " + date + " is after today (" + today + "); only a period already observed is recorded");
        }
    }

    @EventSourcingHandler
    void on(ToxicitySurveillanceCompleted event) {
        surveillanceId = CompleteToxicitySurveillance.surveillanceIdOf(event.subjectId(),
                Syndrome.valueOf(event.syndrome()));
        siteId = event.siteId();
        completed = true;
    }
}
