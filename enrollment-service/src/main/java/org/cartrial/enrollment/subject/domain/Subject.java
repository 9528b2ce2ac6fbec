package org.cartrial.enrollment.subject.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.enrollment.screening.domain.EligibilityDecision;
import org.cartrial.enrollment.screening.domain.EligibilityRules;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;

/** A pseudonymous subject's course through screening and enrolment, rebuilt from its events. */
public class Subject {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private boolean screened;

    protected Subject() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public EligibilityDecision handle(ScreenPatient command, EligibilityRules rules, Clock clock) {
        if (screened) {
            throw CommandRefused.conflict("already-screened",
                    "Subject " + command.subjectId() + " was already screened at site " + siteId + ".");
        }
        ScreeningFindings findings = command.findings();
        EligibilityDecision decision = rules.decide(findings);
        apply(new PatientScreened(command.subjectId(), command.siteId(), findings.screenedOn(), Instant.now(clock),
                findings.ageYears(), findings.cd19ExpressionPercent(), findings.cd22ExpressionPercent(),
                decision.eligible(), decision.failedCriteria(), decision.protocolVersion()));
        return decision;
    }

    @EventSourcingHandler
    void on(PatientScreened event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        screened = true;
    }
}
