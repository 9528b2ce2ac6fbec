package org.cartrial.outcomes.course.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseCategory;

/**
 * A subject's clinical course after screening: response assessments, relapse, death and follow-up. The first
 * assessment's marrow blasts are the baseline a partial response is measured against. Nothing is recorded
 * after death except corrections (a later issue); relapse needs an earlier CR/CRi. Only a subject enrolled in the
 * trial has a course, as learnt from the enrollment context through the {@link EnrolmentRegister}; not by date
 * (an imported cohort may have assessments before its enrolment date), and a withdrawal does not end it (survival
 * follow-up goes on).
 */
public class ClinicalCourse {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private BigDecimal baselineBlastsPercent;
    private LocalDate firstRemissionOn;
    private LocalDate relapsedOn;
    private LocalDate diedOn;
    private final Set<String> assessmentIds = new HashSet<>();

    protected ClinicalCourse() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ResponseAssessed handle(AssessResponse command, ResponseCriteria criteria, EnrolmentRegister register,
            Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        refuseAfterDeath(command.assessedOn());
        if (assessmentIds.contains(command.assessmentId())) {
            throw CommandRefused.conflict("assessment-recorded", "Assessment " + command.assessmentId()
                    + " is recorded already.");
        }
        MarrowAndBloodFindings findings = command.findings();
        ResponseAssessed event = new ResponseAssessed(command.subjectId(), command.siteId(), command.assessedOn(),
                Instant.now(clock), command.assessmentId(), findings.marrowBlastsPercent(), findings.circulatingBlasts(),
                findings.extramedullaryDisease(), findings.cnsStatus().name(), findings.ancPer10e9L(),
                findings.plateletsPer10e9L(), findings.mrdPercent(), findings.mrdDetectionLimitPercent(),
                ResponseDerivation.derive(findings, baselineBlastsPercent, criteria), command.investigatorResponse(),
                ResponseDerivation.mrdNegative(findings, criteria), criteria.protocolVersion());
        apply(event);
        return event;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordRelapse command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        refuseAfterDeath(command.detectedOn());
        if (firstRemissionOn == null || command.detectedOn().isBefore(firstRemissionOn)) {
            throw CommandRefused.ruleBroken("no-prior-remission", "detectedOn",
                    "A relapse needs an earlier CR or CRi; none is recorded before " + command.detectedOn() + ".");
        }
        if (relapsedOn != null) {
            throw CommandRefused.conflict("relapse-recorded", "A relapse is recorded already (" + relapsedOn + ").");
        }
        apply(new RelapseDetected(command.subjectId(), command.siteId(), command.detectedOn(), Instant.now(clock),
                command.relapseSite().name().toLowerCase(), command.cd19Positive(), command.cd22Positive()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordDeath command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        if (diedOn != null) {
            throw CommandRefused.conflict("death-recorded", "The death is recorded already (" + diedOn + ").");
        }
        apply(new DeathRecorded(command.subjectId(), command.siteId(), command.diedOn(), Instant.now(clock),
                command.cause().name().toLowerCase().replace('_', '-')));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordFollowUp command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        refuseAfterDeath(command.knownAliveOn());
        apply(new FollowUpRecorded(command.subjectId(), command.siteId(), command.knownAliveOn(), Instant.now(clock)));
    }

    /**
     * The course belongs to the site that recorded it first, and the subject to the site that enrolled it; for any
     * other site (or a caller whose scope does not cover the site) the subject does not exist. A subject the
     * outcomes service knows no enrolment of is refused before any other rule.
     */
    private void admit(String subject, String site, SiteScope scope, EnrolmentRegister register) {
        if (!scope.covers(site) || (siteId != null && !siteId.equals(site))) {
            throw notFound(subject);
        }
        Optional<EnrolmentRegister.Enrolment> enrolment = register.enrolmentOf(subject);
        if (enrolment.map(e -> e.siteId() != null && !e.siteId().equals(site)).orElse(false)) {
            throw notFound(subject);
        }
        if (enrolment.isEmpty()) {
            throw CommandRefused.ruleBroken("not-enrolled", "subjectId", "Subject " + subject
                    + " is not enrolled: the outcomes service has no enrolment for it (possibly not yet learnt from"
                    + " the enrollment service); a clinical course is recorded only for an enrolled subject.");
        }
    }

    private static CommandRefused notFound(String subject) {
        return CommandRefused.notFound("subject-not-found", "No subject " + subject + " at your sites.");
    }

    private void refuseAfterDeath(LocalDate date) {
        if (diedOn != null && date.isAfter(diedOn)) {
            throw CommandRefused.ruleBroken("after-death", "date",
                    "The subject died on " + diedOn + "; nothing can be recorded for a later date.");
        }
    }

    @EventSourcingHandler
    void on(ResponseAssessed event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        assessmentIds.add(event.assessmentId());
        if (baselineBlastsPercent == null) {
            baselineBlastsPercent = event.marrowBlastsPercent();
        }
        boolean remission = event.derivedResponse() == ResponseCategory.CR
                || event.derivedResponse() == ResponseCategory.CRI;
        if (remission && (firstRemissionOn == null || event.occurredOn().isBefore(firstRemissionOn))) {
            firstRemissionOn = event.occurredOn();
        }
    }

    @EventSourcingHandler
    void on(RelapseDetected event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        relapsedOn = event.occurredOn();
    }

    @EventSourcingHandler
    void on(DeathRecorded event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        diedOn = event.occurredOn();
    }

    @EventSourcingHandler
    void on(FollowUpRecorded event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
    }
}
