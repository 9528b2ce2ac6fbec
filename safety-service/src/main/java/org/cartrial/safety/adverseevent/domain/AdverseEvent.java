package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * One adverse event of one subject (id = adverse event id), rebuilt from its events. A report records it; a
 * follow-up (update), a correction and a recoding each add an event carrying the whole new state and what changed,
 * so nothing recorded is ever overwritten. Corrections and recodings need a reason.
 * <p>
 * The aggregate also keeps the adverse event's reporting clocks (protocol section 3): the event that makes it
 * serious starts the sponsor clock, the event that makes it a SUSAR starts the regulator clock, in the same
 * transaction, and their warning and due moments are scheduled with the deadline manager (persistent in the
 * service's database). A clock stays open until the report is recorded; once started it is not withdrawn by a later
 * change (a correction that removes seriousness leaves the clock to be closed by recording the report).
 */
public class AdverseEvent {

    /** CTCAE v5 grade 4: life-threatening consequences. */
    static final int LIFE_THREATENING_GRADE = 4;
    /** How far ahead of this server's clock a reported sending moment may lie (another machine's clock). */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String adverseEventId;
    private String subjectId;
    private String siteId;
    private boolean reported;
    private AdverseEventFacts facts;
    private final Map<ReportRecipient, ReportingClock> clocks = new EnumMap<>(ReportRecipient.class);

    protected AdverseEvent() {
        // for Axon
    }

    /** Records a new adverse event; a second report under the same id is refused, never an overwrite. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AdverseEventReported handle(ReportAdverseEvent command, Clock clock, DeadlineManager deadlines,
            ReportingRules rules, ProtocolVersions protocol) {
        if (reported) {
            throw CommandRefused.conflict("already-reported",
                    "Adverse event " + command.adverseEventId() + " was already reported for subject " + subjectId
                            + "; update or correct it instead.");
        }
        requireSeriousnessAgrees(command.serious(), command.seriousnessCriteria());
        Severity severity = Severity.of(command.ctcaeTerm(), command.grade(), command.crs(), command.icans());
        AdverseEventFacts reportedFacts = AdverseEventFacts.checked(command.ctcaeTerm(), command.meddraCode(),
                command.onsetDate(), severity, command.seriousnessCriteria(), command.relationshipToCarT(),
                command.expected(), command.outcome(), command.resolutionDate());
        AdverseEventDetails d = reportedFacts.details();
        ProtocolSettings version = protocol.effectiveOn(d.onsetDate());
        AdverseEventReported event = new AdverseEventReported(command.subjectId(), command.siteId(), d.onsetDate(),
                Instant.now(clock), command.adverseEventId(), d.ctcaeTerm(), d.grade(), d.serious(),
                d.relationshipToCarT(), d.expected(), version.version(), d.meddraCode(), d.gradingScale(), d.crs(),
                d.icans(), d.seriousnessCriteria(), d.susar(), d.outcome(), d.resolutionDate());
        apply(event);
        runClocks(event.recordedAt(), deadlines, rules.under(version));
        return event;
    }

    /** Records follow-up information; the grade may only rise (a wrong grade is corrected, not updated). */
    @CommandHandler
    public AdverseEventUpdated handle(UpdateAdverseEvent command, Clock clock, DeadlineManager deadlines,
            ReportingRules rules, ProtocolVersions protocol) {
        requireInScope(command.scope());
        if (command.assessedOn() == null) {
            throw CommandRefused.ruleBroken("assessed-on-required", "assessedOn",
                    "the date of the follow-up assessment is required");
        }
        if (command.assessedOn().isBefore(facts.onsetDate())) {
            throw CommandRefused.ruleBroken("assessment-before-onset", "assessedOn",
                    "the follow-up on " + command.assessedOn() + " precedes the onset on " + facts.onsetDate());
        }
        Severity severity = regrade(facts.ctcaeTerm(), command.grade(), command.crs(), command.icans());
        if (severity.grade() < facts.grade()) {
            throw CommandRefused.ruleBroken("grade-lowered", gradeField(severity), "the grade of an adverse event is"
                    + " the highest it reached (" + facts.grade() + "); an update cannot lower it to "
                    + severity.grade() + ". Correct it, with a reason, if it was recorded wrongly.");
        }
        AdverseEventFacts next = merged(facts.ctcaeTerm(), facts.meddraCode(), facts.onsetDate(), severity,
                command.seriousnessCriteria(), command.relationshipToCarT(), command.expected(), command.outcome(),
                command.resolutionDate());
        List<String> changes = requireChanges(next);
        ProtocolSettings version = protocol.effectiveOn(command.assessedOn());
        AdverseEventUpdated event = new AdverseEventUpdated(subjectId, siteId, command.assessedOn(),
                Instant.now(clock), adverseEventId, next.details(), changes, version.version());
        apply(event);
        runClocks(event.recordedAt(), deadlines, rules.under(version));
        return event;
    }

    /** Corrects values recorded wrongly, in either direction, with the reason. */
    @CommandHandler
    public AdverseEventCorrected handle(CorrectAdverseEvent command, Clock clock, DeadlineManager deadlines,
            ReportingRules rules, ProtocolVersions protocol) {
        requireInScope(command.scope());
        String reason = requireReason(command.reason());
        LocalDate onsetDate = command.onsetDate() != null ? command.onsetDate() : facts.onsetDate();
        Severity severity = regrade(facts.ctcaeTerm(), command.grade(), command.crs(), command.icans());
        AdverseEventFacts next = merged(facts.ctcaeTerm(), facts.meddraCode(), onsetDate, severity,
                command.seriousnessCriteria(), command.relationshipToCarT(), command.expected(), command.outcome(),
                command.resolutionDate());
        List<String> corrections = requireChanges(next);
        ProtocolSettings version = protocol.effectiveOn(next.onsetDate());
        AdverseEventCorrected event = new AdverseEventCorrected(subjectId, siteId, next.onsetDate(),
                Instant.now(clock), adverseEventId, next.details(), corrections, reason, version.version());
        apply(event);
        runClocks(event.recordedAt(), deadlines, rules.under(version));
        return event;
    }

    /** Recodes the term, with the reason; the grade follows the grading rules of the new term. */
    @CommandHandler
    public AdverseEventRecoded handle(RecodeAdverseEvent command, Clock clock, DeadlineManager deadlines,
            ReportingRules rules, ProtocolVersions protocol) {
        requireInScope(command.scope());
        String reason = requireReason(command.reason());
        if (command.ctcaeTerm() == null || command.ctcaeTerm().isBlank()) {
            throw CommandRefused.ruleBroken("term-required", "ctcaeTerm", "the new CTCAE v5 term is required");
        }
        String term = AdverseEventTerms.canonical(command.ctcaeTerm());
        if (term.equalsIgnoreCase(facts.ctcaeTerm()) && Objects.equals(command.meddraCode(), facts.meddraCode())) {
            throw CommandRefused.ruleBroken("nothing-changed", "ctcaeTerm",
                    "the adverse event is coded '" + term + "' already");
        }
        boolean keepsTypedGrade = !facts.severity().computed() && !AdverseEventTerms.isCrs(term)
                && !AdverseEventTerms.isIcans(term) && command.grade() == null && command.crs() == null
                && command.icans() == null;
        Severity severity = keepsTypedGrade ? facts.severity()
                : Severity.of(term, command.grade(), command.crs(), command.icans());
        AdverseEventFacts next = AdverseEventFacts.checked(term, command.meddraCode(), facts.onsetDate(), severity,
                facts.seriousnessCriteria(), facts.relationshipToCarT(), facts.expected(), facts.outcome(),
                facts.resolutionDate());
        ProtocolSettings version = protocol.effectiveOn(next.onsetDate());
        AdverseEventRecoded event = new AdverseEventRecoded(subjectId, siteId, next.onsetDate(), Instant.now(clock),
                adverseEventId, facts.ctcaeTerm(), facts.meddraCode(), next.details(), reason, version.version());
        apply(event);
        runClocks(event.recordedAt(), deadlines, rules.under(version));
        return event;
    }

    /** Records that the report a clock waits for was sent, which closes the clock (on time or late). */
    @CommandHandler
    public SafetyDeadlineMet handle(RecordReportSent command, Clock clock, DeadlineManager deadlines) {
        requireInScope(command.scope());
        if (command.recipient() == null) {
            throw CommandRefused.ruleBroken("recipient-required", "recipient",
                    "name who the report was sent to: SPONSOR or REGULATOR");
        }
        Instant now = Instant.now(clock);
        Instant sentAt = command.sentAt();
        if (sentAt == null) {
            throw CommandRefused.ruleBroken("sent-at-required", "sentAt", "the moment the report was sent is required");
        }
        if (sentAt.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw CommandRefused.ruleBroken("sent-in-the-future", "sentAt",
                    "the report cannot have been sent at " + sentAt + ", after now (" + now + ")");
        }
        if (sentAt.isBefore(facts.onsetDate().atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw CommandRefused.ruleBroken("sent-before-onset", "sentAt",
                    "the report cannot have been sent at " + sentAt + ", before the onset on " + facts.onsetDate());
        }
        ReportingClock reportingClock = clocks.get(command.recipient());
        if (reportingClock == null) {
            throw CommandRefused.ruleBroken("no-report-due", "recipient", command.recipient() == ReportRecipient.SPONSOR
                    ? "adverse event " + adverseEventId + " is not serious: no report to the sponsor is due"
                    : "adverse event " + adverseEventId + " is not a SUSAR: no report to the regulator is due");
        }
        if (reportingClock.met()) {
            throw CommandRefused.conflict("report-already-recorded", "The report of adverse event " + adverseEventId
                    + " to the " + command.recipient() + " was recorded already.");
        }
        SafetyDeadlineMet met = new SafetyDeadlineMet(subjectId, siteId, LocalDate.ofInstant(sentAt, ZoneOffset.UTC),
                now, adverseEventId, command.recipient().name(), reportingClock.rule().name(),
                reportingClock.awareAt(), reportingClock.dueAt(), sentAt, !sentAt.isAfter(reportingClock.dueAt()),
                facts.ctcaeTerm(), facts.grade());
        apply(met);
        deadlines.cancelAllWithinScope(command.recipient().deadlineName());
        return met;
    }

    /** A warning or due moment of a clock came: raised once, unless the clock closed or moved since. */
    @DeadlineHandler
    void on(ReportingAlarm alarm, Clock clock) {
        ReportingClock reportingClock = clocks.get(alarm.recipient());
        if (reportingClock == null || reportingClock.met() || reportingClock.missed()
                || !reportingClock.dueAt().equals(alarm.dueAt())) {
            return;
        }
        Instant now = Instant.now(clock);
        String recipient = alarm.recipient().name();
        String rule = reportingClock.rule().name();
        if (alarm.kind() == ReportingAlarm.Kind.WARNING) {
            if (!reportingClock.warned()) {
                apply(new SafetyDeadlineApproaching(subjectId, siteId,
                        LocalDate.ofInstant(reportingClock.dueAt(), ZoneOffset.UTC), now, adverseEventId, recipient,
                        rule, reportingClock.awareAt(), reportingClock.dueAt(), facts.ctcaeTerm(), facts.grade()));
            }
        } else {
            apply(new SafetyDeadlineMissed(subjectId, siteId,
                    LocalDate.ofInstant(reportingClock.dueAt(), ZoneOffset.UTC), now, adverseEventId, recipient, rule,
                    reportingClock.awareAt(), reportingClock.dueAt(), facts.ctcaeTerm(), facts.grade()));
        }
    }

    /**
     * Starts the clocks the adverse event qualifies for now (awareness = {@code awareAt}, the moment its latest
     * event was recorded): serious starts the sponsor clock, a SUSAR the regulator clock (7 days if fatal or
     * life-threatening, 15 otherwise). A SUSAR that becomes fatal or life-threatening while its 15-day clock runs
     * brings that clock forward to 7 days from now, never later than it was due.
     */
    private void runClocks(Instant awareAt, DeadlineManager deadlines, ReportingRules rules) {
        if (facts.serious() && !clocks.containsKey(ReportRecipient.SPONSOR)) {
            ReportingRule rule = ReportingRule.SAE_REPORT_TO_SPONSOR;
            setClock(rule, awareAt, awareAt.plus(rules.window(rule)), null, awareAt, deadlines, rules);
        }
        if (facts.susar()) {
            ReportingRule rule = fatalOrLifeThreatening() ? ReportingRule.SUSAR_FATAL_OR_LIFE_THREATENING
                    : ReportingRule.SUSAR_OTHER;
            Instant due = awareAt.plus(rules.window(rule));
            ReportingClock regulator = clocks.get(ReportRecipient.REGULATOR);
            if (regulator == null) {
                setClock(rule, awareAt, due, null, awareAt, deadlines, rules);
            } else if (regulator.open() && due.isBefore(regulator.dueAt())) {
                setClock(rule, regulator.awareAt(), due, regulator.dueAt(), awareAt, deadlines, rules);
            }
        }
    }

    private void setClock(ReportingRule rule, Instant awareAt, Instant dueAt, Instant previousDueAt, Instant now,
            DeadlineManager deadlines, ReportingRules rules) {
        ReportRecipient recipient = rule.recipient();
        apply(new SafetyDeadlineSet(subjectId, siteId, LocalDate.ofInstant(awareAt, ZoneOffset.UTC), now,
                adverseEventId, recipient.name(), rule.name(), awareAt, dueAt, previousDueAt, facts.ctcaeTerm(),
                facts.grade()));
        if (previousDueAt != null) {
            deadlines.cancelAllWithinScope(recipient.deadlineName());
        }
        Instant warnAt = dueAt.minus(rules.warningLead(recipient));
        deadlines.schedule(warnAt.isAfter(now) ? warnAt : now, recipient.deadlineName(),
                new ReportingAlarm(recipient, ReportingAlarm.Kind.WARNING, dueAt));
        deadlines.schedule(dueAt, recipient.deadlineName(),
                new ReportingAlarm(recipient, ReportingAlarm.Kind.DUE, dueAt));
    }

    /**
     * Fatal or life-threatening for the regulator clock: the DEATH or LIFE_THREATENING criterion, or CTCAE grade 4
     * ("life-threatening consequences") or 5 (death). Reading grade 4 as life-threatening can only shorten a clock.
     */
    private boolean fatalOrLifeThreatening() {
        return facts.seriousnessCriteria().contains(SeriousnessCriterion.DEATH)
                || facts.seriousnessCriteria().contains(SeriousnessCriterion.LIFE_THREATENING)
                || facts.grade() >= LIFE_THREATENING_GRADE;
    }

    private Severity regrade(String term, Integer grade, CrsAssessment crs, IcansAssessment icans) {
        if (grade == null && crs == null && icans == null) {
            return facts.severity();
        }
        return Severity.of(term, grade, crs, icans);
    }

    private AdverseEventFacts merged(String term, String meddraCode, LocalDate onsetDate, Severity severity,
            Set<SeriousnessCriterion> criteria, RelationshipToCarT relationship, Boolean expected,
            AdverseEventOutcome outcome, LocalDate resolutionDate) {
        AdverseEventOutcome nextOutcome = outcome;
        if (nextOutcome == null) {
            nextOutcome = severity.grade() == Severity.HIGHEST_GRADE ? AdverseEventOutcome.FATAL : facts.outcome();
        }
        LocalDate nextResolution = resolutionDate;
        if (nextResolution == null && nextOutcome.admitsResolutionDate()) {
            nextResolution = facts.resolutionDate();
        }
        return AdverseEventFacts.checked(term, meddraCode, onsetDate, severity,
                criteria != null ? criteria : facts.seriousnessCriteria(),
                relationship != null ? relationship : facts.relationshipToCarT(),
                expected != null ? expected : facts.expected(), nextOutcome, nextResolution);
    }

    private List<String> requireChanges(AdverseEventFacts next) {
        List<String> changes = next.changesFrom(facts);
        if (changes.isEmpty()) {
            throw CommandRefused.ruleBroken("nothing-changed", null,
                    "the adverse event already holds these values; nothing was recorded");
        }
        return changes;
    }

    private static String gradeField(Severity severity) {
        return switch (severity.scale()) {
            case ASTCT_2019_CRS -> "crs";
            case ASTCT_2019_ICANS -> "icans";
            case CTCAE_V5 -> "grade";
        };
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason",
                    "a correction or recoding needs the reason, kept with it for the audit trail");
        }
        return reason.strip();
    }

    private static void requireSeriousnessAgrees(boolean serious, Set<SeriousnessCriterion> criteria) {
        if (serious && criteria.isEmpty()) {
            throw CommandRefused.ruleBroken("seriousness-criteria-required", "seriousnessCriteria",
                    "a serious adverse event names at least one ICH E2A criterion");
        }
        if (!serious && !criteria.isEmpty()) {
            throw CommandRefused.ruleBroken("seriousness-criteria-of-non-serious", "serious",
                    "seriousness criteria were given for an adverse event reported as not serious");
        }
    }

    private void requireInScope(SiteScope scope) {
        if (!reported || scope == null || !scope.covers(siteId)) {
            throw CommandRefused.notFound("adverse-event-not-found",
                    "No adverse event " + adverseEventId + " at your sites.");
        }
    }

    @EventSourcingHandler
    void on(AdverseEventReported event) {
        adverseEventId = event.adverseEventId();
        subjectId = event.subjectId();
        siteId = event.siteId();
        reported = true;
        facts = AdverseEventFacts.of(event.details());
    }

    /** A follow-up, correction or recoding: each carries the whole state. */
    @EventSourcingHandler
    void on(AdverseEventVersion event) {
        if (!(event instanceof AdverseEventReported)) {
            facts = AdverseEventFacts.of(event.details());
        }
    }

    @EventSourcingHandler
    void on(SafetyDeadlineSet event) {
        clocks.put(ReportRecipient.valueOf(event.recipient()),
                ReportingClock.set(ReportingRule.valueOf(event.rule()), event.awareAt(), event.dueAt()));
    }

    @EventSourcingHandler
    void on(SafetyDeadlineApproaching event) {
        clocks.computeIfPresent(ReportRecipient.valueOf(event.recipient()), (r, c) -> c.withWarning());
    }

    @EventSourcingHandler
    void on(SafetyDeadlineMissed event) {
        clocks.computeIfPresent(ReportRecipient.valueOf(event.recipient()), (r, c) -> c.withDeadlineMissed());
    }

    @EventSourcingHandler
    void on(SafetyDeadlineMet event) {
        clocks.computeIfPresent(ReportRecipient.valueOf(event.recipient()), (r, c) -> c.withReportSent());
    }
}
