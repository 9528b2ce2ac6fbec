package org.cartrial.safety.adverseevent.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventReported;

/** One adverse event of one subject (id = adverse event id), rebuilt from its events. */
public class AdverseEvent {

    /** The protocol version of the reporting rules (CTCAE v5.0 grades 1-5). */
    public static final String PROTOCOL_VERSION = "1.0";
    static final int LOWEST_GRADE = 1;
    static final int HIGHEST_GRADE = 5;

    @AggregateIdentifier
    private String adverseEventId;
    private String subjectId;
    private boolean reported;

    protected AdverseEvent() {
        // for Axon
    }

    /**
     * Records a new adverse event. Corrections (grade changed, term recoded) will be their own commands and events
     * with a reason; a second report under the same id is refused, never an overwrite.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AdverseEventReported handle(ReportAdverseEvent command, Clock clock) {
        if (reported) {
            throw CommandRefused.conflict("already-reported",
                    "Adverse event " + command.adverseEventId() + " was already reported for subject " + subjectId
                            + "; correct it instead.");
        }
        if (command.grade() < LOWEST_GRADE || command.grade() > HIGHEST_GRADE) {
            throw CommandRefused.ruleBroken("grade-out-of-range", "grade",
                    "CTCAE v5 grade " + command.grade() + " is not one of " + LOWEST_GRADE + "-" + HIGHEST_GRADE);
        }
        AdverseEventReported event = new AdverseEventReported(command.subjectId(), command.siteId(),
                command.onsetDate(), Instant.now(clock), command.adverseEventId(), command.ctcaeTerm(),
                command.grade(), command.serious(), command.relationshipToCarT().code(), command.expected(),
                PROTOCOL_VERSION);
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(AdverseEventReported event) {
        adverseEventId = event.adverseEventId();
        subjectId = event.subjectId();
        reported = true;
    }
}
