package org.cartrial.safety.monitoring.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.api.safety.SafetySignalRaised;

/**
 * The trial's safety monitoring rule over CD19-infused subjects (protocol section 3), one instance for the trial.
 * It learns every CD19 infusion and every adverse event's latest classification, and after each change evaluates
 * the Bayesian rule: {@link SafetySignalRaised} is applied once when the counts cross the boundary, and the signal
 * lapses (so a later crossing raises again) when they fall back below it. The rule's settings are those of the
 * protocol version in force on the clinical date of the change (the infusion date, the adverse event's date), and
 * a signal records that version. Commands are idempotent: a re-delivered infusion or adverse event changes nothing.
 */
public class SafetyMonitor {

    /** The id of the trial's one monitor. */
    public static final String ID = "cd19-severe-toxicity-monitor";
    /** The rule's name in the signals it raises. */
    public static final String RULE = "cd19-severe-toxicity-bayesian";

    @AggregateIdentifier
    private String monitorId;
    private final MonitoredCohort cohort = new MonitoredCohort();

    protected SafetyMonitor() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CountInfusedSubject command, ProtocolVersions protocol, Clock clock) {
        Instant now = Instant.now(clock);
        startIfNew(command.monitorId(), now);
        if (cohort.isInfused(command.subjectId())) {
            return;
        }
        apply(new InfusedSubjectCounted(command.monitorId(), command.subjectId(), command.siteId(), command.day0(),
                now));
        evaluate(MonitoringSettings.of(protocol.effectiveOn(command.day0())), now, command.subjectId(),
                command.siteId(), command.day0());
    }

    /**
     * A corrected CD19 infusion date moves the subject's day 0 here too, once per correction; the rule is evaluated
     * again under the protocol version in force on the corrected day 0 (which may differ). A subject not yet counted (its infusion
     * not seen) is counted from the corrected day 0.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CorrectDay0 command, ProtocolVersions protocol, Clock clock) {
        Instant now = Instant.now(clock);
        startIfNew(command.monitorId(), now);
        if (cohort.hasApplied(command.correctionId())) {
            return;
        }
        LocalDate previous = cohort.day0Of(command.subjectId());
        if (command.day0().equals(previous)) {
            return; // the correction changed the dose, weight or lot, or a later one says the same
        }
        if (previous == null) {
            apply(new InfusedSubjectCounted(command.monitorId(), command.subjectId(), command.siteId(),
                    command.day0(), now));
        }
        apply(new Day0Corrected(command.monitorId(), command.subjectId(), command.siteId(), previous,
                command.day0(), command.correctionId(), now));
        evaluate(MonitoringSettings.of(protocol.effectiveOn(command.day0())), now, command.subjectId(),
                command.siteId(), command.day0());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClassifyAdverseEvent command, ProtocolVersions protocol, Clock clock) {
        Instant now = Instant.now(clock);
        startIfNew(command.monitorId(), now);
        Optional<ToxicityOfInterest> toxicity = ToxicityOfInterest.of(command.ctcaeTerm(), command.grade(),
                command.relationshipToCarT());
        if (toxicity.isPresent() == cohort.isToxicityOfInterest(command.adverseEventId())) {
            return;
        }
        apply(new AdverseEventClassified(command.monitorId(), command.adverseEventId(), command.subjectId(),
                command.siteId(), toxicity.map(Enum::name).orElse(null), command.occurredOn(), now));
        evaluate(MonitoringSettings.of(protocol.effectiveOn(command.occurredOn())), now, command.subjectId(),
                command.siteId(), command.occurredOn());
    }

    private void startIfNew(String id, Instant now) {
        if (monitorId == null) {
            apply(new SafetyMonitorStarted(id, RULE, now));
        }
    }

    private void evaluate(MonitoringSettings settings, Instant now, String subjectId, String siteId,
            LocalDate occurredOn) {
        ToxicityMonitoringRule rule = new ToxicityMonitoringRule(settings);
        int infused = cohort.infusedSubjects();
        List<String> toxic = cohort.subjectsWithToxicity();
        if (infused == 0) {
            return;
        }
        double posterior = rule.posteriorProbabilityAboveThreshold(toxic.size(), infused);
        boolean signals = posterior > settings.probabilityThreshold();
        if (signals && !cohort.signalling()) {
            apply(new SafetySignalRaised(subjectId, siteId, occurredOn, now, RULE, infused, toxic.size(),
                    rule.boundary(infused).orElseThrow(), posterior, settings.toxicityRateThreshold(),
                    settings.probabilityThreshold(), settings.priorAlpha(), settings.priorBeta(), toxic,
                    settings.version()));
        } else if (!signals && cohort.signalling()) {
            apply(new SafetySignalLapsed(monitorId, infused, toxic.size(), posterior, now));
        }
    }

    @EventSourcingHandler
    void on(SafetyMonitorStarted event) {
        monitorId = event.monitorId();
    }

    @EventSourcingHandler
    void on(InfusedSubjectCounted event) {
        monitorId = event.monitorId();
        cohort.apply(event);
    }

    @EventSourcingHandler
    void on(Day0Corrected event) {
        monitorId = event.monitorId();
        cohort.apply(event);
    }

    @EventSourcingHandler
    void on(AdverseEventClassified event) {
        monitorId = event.monitorId();
        cohort.apply(event);
    }

    @EventSourcingHandler
    void on(SafetySignalRaised event) {
        cohort.apply(event);
    }

    @EventSourcingHandler
    void on(SafetySignalLapsed event) {
        cohort.apply(event);
    }
}
