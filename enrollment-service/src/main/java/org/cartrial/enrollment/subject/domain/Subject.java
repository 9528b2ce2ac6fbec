package org.cartrial.enrollment.subject.domain;

import org.cartrial.api.SiteScope;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.enrollment.screening.domain.EligibilityDecision;
import org.cartrial.enrollment.screening.domain.EligibilityRules;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.cartrial.enrollment.site.domain.RegisteredSites;

/**
 * A pseudonymous subject's course through screening, enrolment and withdrawal, rebuilt from its events.
 * Only a registered site screens. A screen failure may be screened again (a new screening, a new decision); an
 * eligible or enrolled subject not.
 */
public class Subject {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private boolean screened;
    private boolean eligible;
    private LocalDate screenedOn;
    private String decidedUnderVersion;
    private boolean enrolled;
    private boolean withdrawn;

    protected Subject() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public EligibilityDecision handle(ScreenPatient command, ProtocolVersions protocol, RegisteredSites sites,
            Clock clock) {
        if (screened && !siteId.equals(command.siteId())) {
            throw notFound(command.subjectId());
        }
        if (!sites.isRegistered(command.siteId())) {
            throw CommandRefused.ruleBroken("site-not-registered", "siteId",
                    "Site " + command.siteId() + " is not registered; an admin registers a site before it screens.");
        }
        if (withdrawn) {
            throw CommandRefused.conflict("subject-withdrawn", "Subject " + subjectId + " has withdrawn.");
        }
        if (screened && (eligible || enrolled)) {
            throw CommandRefused.conflict("already-screened",
                    "Subject " + command.subjectId() + " was screened eligible already.");
        }
        ScreeningFindings findings = command.findings();
        ProtocolSettings settings = protocol.effectiveOn(findings.screenedOn());
        EligibilityDecision decision = EligibilityRules.decide(findings, settings);
        apply(new PatientScreened(command.subjectId(), command.siteId(), findings.screenedOn(), Instant.now(clock),
                findings.ageYears(), findings.weightKg(), findings.sex(), findings.performanceScale().name(),
                findings.performanceScore(), findings.diagnosticWorkup(), findings.diseaseStatus().name(),
                findings.mrdPositiveSince(), findings.cd19ExpressionPercent(), findings.cd22ExpressionPercent(),
                findings.consent(), decision.eligible(), decision.failedCriteria(), decision.protocolVersion()));
        return decision;
    }

    @CommandHandler
    public void handle(EnrolPatient command, Clock clock) {
        requireInScope(command.scope());
        if (withdrawn) {
            throw CommandRefused.conflict("subject-withdrawn", "Subject " + subjectId + " has withdrawn.");
        }
        if (enrolled) {
            throw CommandRefused.conflict("already-enrolled", "Subject " + subjectId + " is enrolled already.");
        }
        if (!eligible) {
            throw CommandRefused.ruleBroken("not-eligible", "subjectId",
                    "Only an eligible, consented subject can be enrolled; the latest screening was not eligible.");
        }
        if (command.enrolledOn().isBefore(screenedOn)) {
            throw CommandRefused.ruleBroken("enrolment-before-screening", "enrolledOn",
                    "Enrolment cannot precede the screening on " + screenedOn + ".");
        }
        apply(new PatientEnrolled(subjectId, siteId, command.enrolledOn(), Instant.now(clock), decidedUnderVersion));
    }

    @CommandHandler
    public void handle(WithdrawPatient command, Clock clock) {
        requireInScope(command.scope());
        if (withdrawn) {
            throw CommandRefused.conflict("already-withdrawn", "Subject " + subjectId + " has withdrawn already.");
        }
        if (command.withdrawnOn().isBefore(screenedOn)) {
            throw CommandRefused.ruleBroken("withdrawal-before-screening", "withdrawnOn",
                    "Withdrawal cannot precede the screening on " + screenedOn + ".");
        }
        apply(new PatientWithdrawn(subjectId, siteId, command.withdrawnOn(), Instant.now(clock), command.reason(),
                command.survivalFollowUpAllowed()));
    }

    private void requireInScope(SiteScope scope) {
        if (!screened || !scope.covers(siteId)) {
            throw notFound(subjectId);
        }
    }

    private static CommandRefused notFound(String subjectId) {
        return CommandRefused.notFound("subject-not-found", "No subject " + subjectId + " at your sites.");
    }

    @EventSourcingHandler
    void on(PatientScreened event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        screened = true;
        eligible = event.eligible();
        screenedOn = event.occurredOn();
        decidedUnderVersion = event.protocolVersion();
    }

    @EventSourcingHandler
    void on(PatientEnrolled event) {
        enrolled = true;
    }

    @EventSourcingHandler
    void on(PatientWithdrawn event) {
        withdrawn = true;
    }
}
