package org.cartrial.outcomes.course.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.protocol.ProtocolVersions;

/**
 * A subject's clinical course after screening: response assessments, relapse, death and follow-up. The first
 * assessment's marrow blasts are the baseline a partial response is measured against. Nothing is recorded
 * after death; relapse needs an earlier CR/CRi. Every fact can be corrected with a reason (never overwritten): the
 * correction event carries the whole fact as corrected, the old and new value of each corrected field, the reason and
 * who corrected it, and the same rules hold for the corrected course. A corrected baseline derives every later
 * assessment again: each whose category or MRD status changes gets a correction of its own, naming the baseline's
 * correction as its reason, by the same person at the same moment. Each assessment is derived with the response
 * criteria of the protocol version in force on its date (the injected {@link ProtocolVersions}: enrollment's
 * amendments as this context received them), and records that version. Only a subject enrolled in the trial has a
 * course, as learnt from the enrollment context through the {@link EnrolmentRegister}; not by date (an imported
 * cohort may have assessments before its enrolment date), and a withdrawal does not end it (survival follow-up goes
 * on).
 */
public class ClinicalCourse {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private BigDecimal baselineBlastsPercent;
    private String baselineAssessmentId;
    private LocalDate firstRemissionOn;
    private LocalDate relapsedOn;
    private LocalDate diedOn;
    /** Each assessment as it stands (as recorded, or as last corrected), in the order recorded. */
    private final Map<String, ResponseAssessed> assessments = new LinkedHashMap<>();
    private RelapseDetected relapse;
    private DeathRecorded death;
    private final List<LocalDate> followUps = new ArrayList<>();

    protected ClinicalCourse() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ResponseAssessed handle(AssessResponse command, ProtocolVersions protocol, EnrolmentRegister register,
            Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        refuseAfterDeath(command.assessedOn());
        ResponseCriteria criteria = ResponseCriteria.of(protocol.effectiveOn(command.assessedOn()));
        if (assessments.containsKey(command.assessmentId())) {
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
                causeCode(command.cause())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordFollowUp command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        refuseAfterDeath(command.knownAliveOn());
        apply(new FollowUpRecorded(command.subjectId(), command.siteId(), command.knownAliveOn(), Instant.now(clock)));
    }

    /**
     * Corrects an assessment recorded wrongly, with the reason; the category and MRD status are derived again (with
     * the version in force on its possibly corrected date). A corrected baseline derives the later assessments
     * again too (see the class comment).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ResponseAssessmentCorrected handle(CorrectResponseAssessment command, ProtocolVersions protocol,
            EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        String reason = requireReason(command.reason());
        ResponseAssessed before = assessments.get(command.assessmentId());
        if (before == null) {
            throw CommandRefused.notFound("assessment-not-found", "No response assessment " + command.assessmentId()
                    + " of subject " + command.subjectId() + ".");
        }
        // MRD not measured is null: clearing says so, an absent value keeps what was recorded
        ClearedFields cleared = command.cleared().requireOptional(Set.of("mrdPercent", "mrdDetectionLimitPercent"),
                Set.of("assessedOn", "marrowBlastsPercent", "circulatingBlasts", "extramedullaryDisease", "cnsStatus",
                        "ancPer10e9L", "plateletsPer10e9L", "investigatorResponse"));
        LocalDate assessedOn = or(command.assessedOn(), before.occurredOn());
        refuseAfterDeath(assessedOn, "assessedOn");
        ResponseCriteria criteria = ResponseCriteria.of(protocol.effectiveOn(assessedOn));
        MarrowAndBloodFindings findings = new MarrowAndBloodFindings(
                or(command.marrowBlastsPercent(), before.marrowBlastsPercent()),
                or(command.circulatingBlasts(), before.circulatingBlasts()),
                or(command.extramedullaryDisease(), before.extramedullaryDisease()),
                or(command.cnsStatus(), CnsStatus.valueOf(before.cnsStatus())),
                or(command.ancPer10e9L(), before.ancPer10e9L()),
                or(command.plateletsPer10e9L(), before.plateletsPer10e9L()),
                cleared.corrected("mrdPercent", command.mrdPercent(), before.mrdPercent()),
                cleared.corrected("mrdDetectionLimitPercent", command.mrdDetectionLimitPercent(),
                        before.mrdDetectionLimitPercent()));
        boolean baseline = command.assessmentId().equals(baselineAssessmentId);
        ResponseAssessed after = new ResponseAssessed(command.subjectId(), siteId, assessedOn, before.recordedAt(),
                before.assessmentId(), findings.marrowBlastsPercent(), findings.circulatingBlasts(),
                findings.extramedullaryDisease(), findings.cnsStatus().name(), findings.ancPer10e9L(),
                findings.plateletsPer10e9L(), findings.mrdPercent(), findings.mrdDetectionLimitPercent(),
                ResponseDerivation.derive(findings, baseline ? null : baselineBlastsPercent, criteria),
                or(command.investigatorResponse(), before.investigatorResponse()),
                ResponseDerivation.mrdNegative(findings, criteria), criteria.protocolVersion());
        List<CorrectedValue> corrections = new ArrayList<>(requireChanges(
                CorrectedValue.ofChange("occurredOn", before.occurredOn(), after.occurredOn()),
                CorrectedValue.ofChange("marrowBlastsPercent", before.marrowBlastsPercent(), after.marrowBlastsPercent()),
                CorrectedValue.ofChange("circulatingBlasts", before.circulatingBlasts(), after.circulatingBlasts()),
                CorrectedValue.ofChange("extramedullaryDisease", before.extramedullaryDisease(),
                        after.extramedullaryDisease()),
                CorrectedValue.ofChange("cnsStatus", before.cnsStatus(), after.cnsStatus()),
                CorrectedValue.ofChange("ancPer10e9L", before.ancPer10e9L(), after.ancPer10e9L()),
                CorrectedValue.ofChange("plateletsPer10e9L", before.plateletsPer10e9L(), after.plateletsPer10e9L()),
                CorrectedValue.ofChange("mrdPercent", before.mrdPercent(), after.mrdPercent()),
                CorrectedValue.ofChange("mrdDetectionLimitPercent", before.mrdDetectionLimitPercent(),
                        after.mrdDetectionLimitPercent()),
                CorrectedValue.ofChange("investigatorResponse", before.investigatorResponse(),
                        after.investigatorResponse()),
                CorrectedValue.ofChange("derivedResponse", before.derivedResponse(), after.derivedResponse()),
                CorrectedValue.ofChange("mrdNegative", before.mrdNegative(), after.mrdNegative())));
        // the version says which criteria derived the corrected assessment; a new version alone is no correction
        Stream.ofNullable(CorrectedValue.ofChange("protocolVersion", before.protocolVersion(), after.protocolVersion()))
                .forEach(corrections::add);
        Instant now = Instant.now(clock);
        List<ResponseAssessmentCorrected> rederived = baseline
                ? derivedAgainstBaseline(after, protocol, now, reason, command.correctedBy())
                : List.of();
        if (relapse != null) {
            Map<String, ResponseAssessed> corrected = new LinkedHashMap<>(assessments);
            corrected.put(after.assessmentId(), after);
            rederived.forEach(r -> corrected.put(r.assessmentId(), r.assessment()));
            LocalDate remission = firstRemission(corrected.values());
            if (remission == null || relapse.occurredOn().isBefore(remission)) {
                throw CommandRefused.ruleBroken("no-prior-remission", "assessedOn", "The relapse on "
                        + relapse.occurredOn() + " needs an earlier CR or CRi; after this correction there would be"
                        + " none. Correct the relapse first.");
            }
        }
        ResponseAssessmentCorrected event = new ResponseAssessmentCorrected(command.subjectId(), siteId, assessedOn,
                now, after.assessmentId(), after, corrections, reason, command.correctedBy());
        apply(event);
        rederived.forEach(AggregateLifecycle::apply);
        return event;
    }

    /**
     * The corrections of the later assessments that the corrected baseline {@code baseline} changes: each derived
     * again against the baseline's blasts with the version in force on its date; those whose category and MRD status
     * stay as they are need none.
     */
    private List<ResponseAssessmentCorrected> derivedAgainstBaseline(ResponseAssessed baseline,
            ProtocolVersions protocol, Instant now, String reason, String correctedBy) {
        String because = "baseline assessment " + baseline.assessmentId() + " corrected: " + reason;
        List<ResponseAssessmentCorrected> rederived = new ArrayList<>();
        for (ResponseAssessed before : assessments.values()) {
            if (before.assessmentId().equals(baseline.assessmentId())) {
                continue;
            }
            ResponseCriteria criteria = ResponseCriteria.of(protocol.effectiveOn(before.occurredOn()));
            MarrowAndBloodFindings findings = findingsOf(before);
            ResponseCategory derived = ResponseDerivation.derive(findings, baseline.marrowBlastsPercent(), criteria);
            Boolean mrdNegative = ResponseDerivation.mrdNegative(findings, criteria);
            if (derived == before.derivedResponse() && Objects.equals(mrdNegative, before.mrdNegative())) {
                continue;
            }
            ResponseAssessed after = new ResponseAssessed(before.subjectId(), before.siteId(), before.occurredOn(),
                    before.recordedAt(), before.assessmentId(), before.marrowBlastsPercent(),
                    before.circulatingBlasts(), before.extramedullaryDisease(), before.cnsStatus(),
                    before.ancPer10e9L(), before.plateletsPer10e9L(), before.mrdPercent(),
                    before.mrdDetectionLimitPercent(), derived, before.investigatorResponse(), mrdNegative,
                    criteria.protocolVersion());
            List<CorrectedValue> corrections = Stream.of(
                    CorrectedValue.ofChange("derivedResponse", before.derivedResponse(), after.derivedResponse()),
                    CorrectedValue.ofChange("mrdNegative", before.mrdNegative(), after.mrdNegative()),
                    CorrectedValue.ofChange("protocolVersion", before.protocolVersion(), after.protocolVersion()))
                    .filter(Objects::nonNull).toList();
            rederived.add(new ResponseAssessmentCorrected(after.subjectId(), siteId, after.occurredOn(), now,
                    after.assessmentId(), after, corrections, because, correctedBy));
        }
        return rederived;
    }

    private static MarrowAndBloodFindings findingsOf(ResponseAssessed assessed) {
        return new MarrowAndBloodFindings(assessed.marrowBlastsPercent(), assessed.circulatingBlasts(),
                assessed.extramedullaryDisease(), CnsStatus.valueOf(assessed.cnsStatus()), assessed.ancPer10e9L(),
                assessed.plateletsPer10e9L(), assessed.mrdPercent(), assessed.mrdDetectionLimitPercent());
    }

    /** Corrects the relapse recorded wrongly, with the reason; it still needs an earlier CR/CRi. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RelapseCorrected handle(CorrectRelapse command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        String reason = requireReason(command.reason());
        if (relapse == null) {
            throw CommandRefused.notFound("relapse-not-found", "No relapse of subject " + command.subjectId()
                    + " is recorded.");
        }
        RelapseDetected before = relapse;
        // an antigen not tested is null: clearing says so, an absent value keeps what was recorded
        ClearedFields cleared = command.cleared().requireOptional(Set.of("cd19Positive", "cd22Positive"),
                Set.of("detectedOn", "relapseSite"));
        LocalDate detectedOn = or(command.detectedOn(), before.occurredOn());
        RelapseDetected after = new RelapseDetected(command.subjectId(), siteId, detectedOn, before.recordedAt(),
                command.relapseSite() == null ? before.relapseSite() : command.relapseSite().name().toLowerCase(),
                cleared.corrected("cd19Positive", command.cd19Positive(), before.cd19Positive()),
                cleared.corrected("cd22Positive", command.cd22Positive(), before.cd22Positive()));
        List<CorrectedValue> corrections = requireChanges(
                CorrectedValue.ofChange("occurredOn", before.occurredOn(), after.occurredOn()),
                CorrectedValue.ofChange("relapseSite", before.relapseSite(), after.relapseSite()),
                CorrectedValue.ofChange("cd19Positive", before.cd19Positive(), after.cd19Positive()),
                CorrectedValue.ofChange("cd22Positive", before.cd22Positive(), after.cd22Positive()));
        refuseAfterDeath(detectedOn, "detectedOn");
        if (firstRemissionOn == null || detectedOn.isBefore(firstRemissionOn)) {
            throw CommandRefused.ruleBroken("no-prior-remission", "detectedOn",
                    "A relapse needs an earlier CR or CRi; none is recorded before " + detectedOn + ".");
        }
        RelapseCorrected event = new RelapseCorrected(command.subjectId(), siteId, detectedOn, Instant.now(clock),
                after, corrections, reason, command.correctedBy());
        apply(event);
        return event;
    }

    /** Corrects the date or cause of death, with the reason; no recorded fact may then lie after the death. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DeathCorrected handle(CorrectDeath command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        String reason = requireReason(command.reason());
        if (death == null) {
            throw CommandRefused.notFound("death-not-found", "No death of subject " + command.subjectId()
                    + " is recorded.");
        }
        DeathRecorded before = death;
        LocalDate diedOn = or(command.diedOn(), before.occurredOn());
        DeathRecorded after = new DeathRecorded(command.subjectId(), siteId, diedOn, before.recordedAt(),
                command.cause() == null ? before.cause() : causeCode(command.cause()));
        List<CorrectedValue> corrections = requireChanges(
                CorrectedValue.ofChange("occurredOn", before.occurredOn(), after.occurredOn()),
                CorrectedValue.ofChange("cause", before.cause(), after.cause()));
        Optional<LocalDate> latest = Stream.concat(Stream.concat(
                        assessments.values().stream().map(ResponseAssessed::occurredOn),
                        Stream.ofNullable(relapse).map(RelapseDetected::occurredOn)), followUps.stream())
                .max(LocalDate::compareTo);
        if (latest.isPresent() && latest.get().isAfter(diedOn)) {
            throw CommandRefused.ruleBroken("fact-after-death", "diedOn", "A fact of the subject is recorded on "
                    + latest.get() + ", after " + diedOn + "; correct that first.");
        }
        DeathCorrected event = new DeathCorrected(command.subjectId(), siteId, diedOn, Instant.now(clock), after,
                corrections, reason, command.correctedBy());
        apply(event);
        return event;
    }

    /** Corrects the date of a follow-up recorded wrongly, with the reason. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public FollowUpCorrected handle(CorrectFollowUp command, EnrolmentRegister register, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), register);
        String reason = requireReason(command.reason());
        if (command.knownAliveOn() == null || !followUps.contains(command.knownAliveOn())) {
            throw CommandRefused.notFound("follow-up-not-found", "No follow-up of subject " + command.subjectId()
                    + " on " + command.knownAliveOn() + " is recorded.");
        }
        if (command.correctedKnownAliveOn() == null) {
            throw CommandRefused.ruleBroken("known-alive-on-required", "correctedKnownAliveOn",
                    "the corrected date of the follow-up is required");
        }
        List<CorrectedValue> corrections = requireChanges(
                CorrectedValue.ofChange("occurredOn", command.knownAliveOn(), command.correctedKnownAliveOn()));
        refuseAfterDeath(command.correctedKnownAliveOn(), "correctedKnownAliveOn");
        Instant now = Instant.now(clock);
        FollowUpCorrected event = new FollowUpCorrected(command.subjectId(), siteId, command.correctedKnownAliveOn(),
                now, command.knownAliveOn(), new FollowUpRecorded(command.subjectId(), siteId,
                        command.correctedKnownAliveOn(), now), corrections, reason, command.correctedBy());
        apply(event);
        return event;
    }

    static String causeCode(CauseOfDeath cause) {
        return cause.name().toLowerCase().replace('_', '-');
    }

    private static <T> T or(T corrected, T recorded) {
        return corrected != null ? corrected : recorded;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason",
                    "a correction names its reason; nothing was recorded");
        }
        return reason.strip();
    }

    private static List<CorrectedValue> requireChanges(CorrectedValue... changes) {
        List<CorrectedValue> corrections = Stream.of(changes).filter(Objects::nonNull).toList();
        if (corrections.isEmpty()) {
            throw CommandRefused.ruleBroken("nothing-changed", null,
                    "the fact already holds these values; nothing was recorded");
        }
        return corrections;
    }

    private static LocalDate firstRemission(java.util.Collection<ResponseAssessed> assessed) {
        return assessed.stream().filter(a -> a.derivedResponse() != null && a.derivedResponse().isRemission())
                .map(ResponseAssessed::occurredOn).min(LocalDate::compareTo).orElse(null);
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
        refuseAfterDeath(date, "date");
    }

    private void refuseAfterDeath(LocalDate date, String field) {
        if (diedOn != null && date.isAfter(diedOn)) {
            throw CommandRefused.ruleBroken("after-death", field,
                    "The subject died on " + diedOn + "; nothing can be recorded for a later date.");
        }
    }

    @EventSourcingHandler
    void on(ResponseAssessed event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        assessments.put(event.assessmentId(), event);
        if (baselineAssessmentId == null) {
            baselineAssessmentId = event.assessmentId();
            baselineBlastsPercent = event.marrowBlastsPercent();
        }
        firstRemissionOn = firstRemission(assessments.values());
    }

    @EventSourcingHandler
    void on(ResponseAssessmentCorrected event) {
        assessments.put(event.assessmentId(), event.assessment());
        if (event.assessmentId().equals(baselineAssessmentId)) {
            baselineBlastsPercent = event.assessment().marrowBlastsPercent();
        }
        firstRemissionOn = firstRemission(assessments.values());
    }

    @EventSourcingHandler
    void on(RelapseCorrected event) {
        relapse = event.relapse();
        relapsedOn = event.relapse().occurredOn();
    }

    @EventSourcingHandler
    void on(DeathCorrected event) {
        death = event.death();
        diedOn = event.death().occurredOn();
    }

    @EventSourcingHandler
    void on(FollowUpCorrected event) {
        followUps.remove(event.correctedKnownAliveOn());
        followUps.add(event.followUp().occurredOn());
    }

    @EventSourcingHandler
    void on(RelapseDetected event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        relapse = event;
        relapsedOn = event.occurredOn();
    }

    @EventSourcingHandler
    void on(DeathRecorded event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        death = event;
        diedOn = event.occurredOn();
    }

    @EventSourcingHandler
    void on(FollowUpRecorded event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        followUps.add(event.occurredOn());
    }
}
