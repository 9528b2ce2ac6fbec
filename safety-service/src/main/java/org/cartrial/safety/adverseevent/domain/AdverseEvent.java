package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * One adverse event of one subject (id = adverse event id), rebuilt from its events. A report records it; a
 * follow-up (update), a correction and a recoding each add an event carrying the whole new state and what changed,
 * so nothing recorded is ever overwritten. Corrections and recodings need a reason.
 */
public class AdverseEvent {

    /** The protocol version of the reporting rules (CTCAE v5.0 grades 1-5, ASTCT 2019 for CRS and ICANS). */
    public static final String PROTOCOL_VERSION = "1.0";

    @AggregateIdentifier
    private String adverseEventId;
    private String subjectId;
    private String siteId;
    private boolean reported;
    private AdverseEventFacts facts;

    protected AdverseEvent() {
        // for Axon
    }

    /** Records a new adverse event; a second report under the same id is refused, never an overwrite. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AdverseEventReported handle(ReportAdverseEvent command, Clock clock) {
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
        AdverseEventReported event = new AdverseEventReported(command.subjectId(), command.siteId(), d.onsetDate(),
                Instant.now(clock), command.adverseEventId(), d.ctcaeTerm(), d.grade(), d.serious(),
                d.relationshipToCarT(), d.expected(), PROTOCOL_VERSION, d.meddraCode(), d.gradingScale(), d.crs(),
                d.icans(), d.seriousnessCriteria(), d.susar(), d.outcome(), d.resolutionDate());
        apply(event);
        return event;
    }

    /** Records follow-up information; the grade may only rise (a wrong grade is corrected, not updated). */
    @CommandHandler
    public AdverseEventUpdated handle(UpdateAdverseEvent command, Clock clock) {
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
        AdverseEventUpdated event = new AdverseEventUpdated(subjectId, siteId, command.assessedOn(),
                Instant.now(clock), adverseEventId, next.details(), changes, PROTOCOL_VERSION);
        apply(event);
        return event;
    }

    /** Corrects values recorded wrongly, in either direction, with the reason. */
    @CommandHandler
    public AdverseEventCorrected handle(CorrectAdverseEvent command, Clock clock) {
        requireInScope(command.scope());
        String reason = requireReason(command.reason());
        LocalDate onsetDate = command.onsetDate() != null ? command.onsetDate() : facts.onsetDate();
        Severity severity = regrade(facts.ctcaeTerm(), command.grade(), command.crs(), command.icans());
        AdverseEventFacts next = merged(facts.ctcaeTerm(), facts.meddraCode(), onsetDate, severity,
                command.seriousnessCriteria(), command.relationshipToCarT(), command.expected(), command.outcome(),
                command.resolutionDate());
        List<String> corrections = requireChanges(next);
        AdverseEventCorrected event = new AdverseEventCorrected(subjectId, siteId, next.onsetDate(),
                Instant.now(clock), adverseEventId, next.details(), corrections, reason, PROTOCOL_VERSION);
        apply(event);
        return event;
    }

    /** Recodes the term, with the reason; the grade follows the grading rules of the new term. */
    @CommandHandler
    public AdverseEventRecoded handle(RecodeAdverseEvent command, Clock clock) {
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
        AdverseEventRecoded event = new AdverseEventRecoded(subjectId, siteId, next.onsetDate(), Instant.now(clock),
                adverseEventId, facts.ctcaeTerm(), facts.meddraCode(), next.details(), reason, PROTOCOL_VERSION);
        apply(event);
        return event;
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
        facts = AdverseEventFacts.of(detailsOf(event));
    }

    @EventSourcingHandler
    void on(AdverseEventUpdated event) {
        facts = AdverseEventFacts.of(event.details());
    }

    @EventSourcingHandler
    void on(AdverseEventCorrected event) {
        facts = AdverseEventFacts.of(event.details());
    }

    @EventSourcingHandler
    void on(AdverseEventRecoded event) {
        facts = AdverseEventFacts.of(event.details());
    }

    /** The state a report records, in the shape the later events carry it. */
    public static AdverseEventDetails detailsOf(AdverseEventReported event) {
        return new AdverseEventDetails(event.ctcaeTerm(), event.meddraCode(), event.occurredOn(), event.grade(),
                event.gradingScale(), event.crs(), event.icans(), event.serious(), event.seriousnessCriteria(),
                event.relationshipToCarT(), event.expected(), event.susar(), event.outcome(), event.resolutionDate());
    }
}
