package org.cartrial.enrollment.subject.domain;

import org.cartrial.api.SiteScope;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected.Eligibility;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.enrollment.screening.domain.DiseaseStatus;
import org.cartrial.enrollment.screening.domain.EligibilityDecision;
import org.cartrial.enrollment.screening.domain.EligibilityRules;
import org.cartrial.enrollment.screening.domain.PerformanceScale;
import org.cartrial.enrollment.screening.domain.ScreeningFindings;
import org.cartrial.enrollment.site.domain.RegisteredSites;

/**
 * A pseudonymous subject's course through screening, enrolment and withdrawal, rebuilt from its events.
 * Only a registered site screens. A screen failure may be screened again (a new screening, a new decision); an
 * eligible or enrolled subject not. Findings of the latest screening recorded wrongly are corrected with a reason
 * ({@link CorrectScreeningFindings}), never overwritten, and eligibility is decided again from them.
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
    /** The screening findings a correction may set back to not recorded, and those it may not. */
    private static final Set<String> OPTIONAL_FINDINGS = Set.of("mrdPositiveSince");
    private static final Set<String> MANDATORY_FINDINGS = Set.of("weightKg", "performanceScore",
            "cd19ExpressionPercent", "cd22ExpressionPercent");
    /** The latest screening as it stands (as recorded, or as last corrected). */
    private PatientScreened screening;

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

    /**
     * Corrects findings of the latest screening, with the reason, and decides eligibility again from them under the
     * protocol version in force on the screening date (as the screening did). A subject not yet enrolled follows
     * the new decision (found ineligible, it can no longer be enrolled; found eligible, it can). An enrolled subject
     * found ineligible stays enrolled, since the treatment happened: the event marks an eligibility deviation.
     */
    @CommandHandler
    public ScreeningFindingsCorrected handle(CorrectScreeningFindings command, ProtocolVersions protocol,
            Clock clock) {
        requireInScope(command.scope());
        if (command.reason() == null || command.reason().isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason",
                    "a correction names its reason; nothing was recorded");
        }
        ClearedFields cleared = command.cleared().requireOptional(OPTIONAL_FINDINGS, MANDATORY_FINDINGS);
        PatientScreened b = screening;
        ScreeningFindings findings = new ScreeningFindings(b.occurredOn(), b.ageYears(),
                cleared.corrected("weightKg", command.weightKg(), b.weightKg()), b.sex(),
                PerformanceScale.valueOf(b.performanceScale()),
                cleared.corrected("performanceScore", command.performanceScore(), b.performanceScore()),
                b.diagnosticWorkup(), DiseaseStatus.valueOf(b.diseaseStatus()),
                cleared.corrected("mrdPositiveSince", command.mrdPositiveSince(), b.mrdPositiveSince()),
                cleared.corrected("cd19ExpressionPercent", command.cd19ExpressionPercent(), b.cd19ExpressionPercent()),
                cleared.corrected("cd22ExpressionPercent", command.cd22ExpressionPercent(), b.cd22ExpressionPercent()),
                b.consent());
        List<CorrectedValue> corrections = new ArrayList<>(Stream.of(
                CorrectedValue.ofChange("weightKg", b.weightKg(), findings.weightKg()),
                CorrectedValue.ofChange("performanceScore", b.performanceScore(), findings.performanceScore()),
                CorrectedValue.ofChange("mrdPositiveSince", b.mrdPositiveSince(), findings.mrdPositiveSince()),
                CorrectedValue.ofChange("cd19ExpressionPercent", b.cd19ExpressionPercent(),
                        findings.cd19ExpressionPercent()),
                CorrectedValue.ofChange("cd22ExpressionPercent", b.cd22ExpressionPercent(),
                        findings.cd22ExpressionPercent()))
                .filter(Objects::nonNull).toList());
        if (corrections.isEmpty()) {
            throw CommandRefused.ruleBroken("nothing-changed", null,
                    "the screening already holds these findings; nothing was recorded");
        }
        EligibilityDecision decision = EligibilityRules.decide(findings, protocol.effectiveOn(b.occurredOn()));
        Eligibility before = Eligibility.of(b);
        Eligibility after = new Eligibility(decision.eligible(), decision.failedCriteria(),
                decision.protocolVersion());
        Stream.of(CorrectedValue.ofChange("eligible", before.eligible(), after.eligible()),
                CorrectedValue.ofChange("failedCriteria", codes(before), codes(after)))
                .filter(Objects::nonNull).forEach(corrections::add);
        PatientScreened corrected = new PatientScreened(b.subjectId(), b.siteId(), b.occurredOn(), b.recordedAt(),
                b.ageYears(), findings.weightKg(), b.sex(), b.performanceScale(), findings.performanceScore(),
                b.diagnosticWorkup(), b.diseaseStatus(), findings.mrdPositiveSince(),
                findings.cd19ExpressionPercent(), findings.cd22ExpressionPercent(), b.consent(), after.eligible(),
                after.failedCriteria(), after.protocolVersion());
        ScreeningFindingsCorrected event = new ScreeningFindingsCorrected(subjectId, siteId, b.occurredOn(),
                Instant.now(clock), corrected, corrections, command.reason().strip(), command.correctedBy(), before,
                after, enrolled && !after.eligible());
        apply(event);
        return event;
    }

    private static String codes(Eligibility eligibility) {
        return eligibility.failedCriteria().stream().map(FailedCriterion::code).collect(Collectors.joining(","));
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
        screening = event;
    }

    @EventSourcingHandler
    void on(ScreeningFindingsCorrected event) {
        screening = event.screening();
        if (event.eligibility() != null) { // events from before eligibility was decided again carry none
            eligible = event.eligibility().eligible();
            decidedUnderVersion = event.eligibility().protocolVersion();
        }
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
