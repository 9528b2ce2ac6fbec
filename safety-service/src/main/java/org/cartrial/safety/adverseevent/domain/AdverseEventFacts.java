package org.cartrial.safety.adverseevent.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;

/**
 * What is recorded about an adverse event at one moment (protocol section 3): term, onset, grade and what it was
 * graded from, seriousness (ICH E2A criteria), relationship to CAR-T, expectedness, outcome and resolution date.
 * Built only through {@link #checked}, which refuses a combination no real adverse event can have.
 */
public record AdverseEventFacts(
        String ctcaeTerm,
        String meddraCode,
        LocalDate onsetDate,
        Severity severity,
        Set<SeriousnessCriterion> seriousnessCriteria,
        RelationshipToCarT relationshipToCarT,
        boolean expected,
        AdverseEventOutcome outcome,
        LocalDate resolutionDate) {

    public AdverseEventFacts {
        Objects.requireNonNull(ctcaeTerm, "ctcaeTerm");
        Objects.requireNonNull(onsetDate, "onsetDate");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(relationshipToCarT, "relationshipToCarT");
        Objects.requireNonNull(outcome, "outcome");
        seriousnessCriteria = seriousnessCriteria.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(seriousnessCriteria));
    }

    /** The facts, if they are consistent; refused naming the field at fault otherwise. */
    public static AdverseEventFacts checked(String ctcaeTerm, String meddraCode, LocalDate onsetDate,
            Severity severity, Set<SeriousnessCriterion> seriousnessCriteria, RelationshipToCarT relationshipToCarT,
            boolean expected, AdverseEventOutcome outcome, LocalDate resolutionDate) {
        if (relationshipToCarT == null) {
            throw CommandRefused.ruleBroken("relationship-required", "relationshipToCarT",
                    "the relationship to CAR-T is required");
        }
        AdverseEventOutcome effectiveOutcome = outcome != null ? outcome
                : severity.grade() == Severity.HIGHEST_GRADE ? AdverseEventOutcome.FATAL
                : AdverseEventOutcome.NOT_RECOVERED;
        boolean fatalGrade = severity.grade() == Severity.HIGHEST_GRADE;
        if (fatalGrade && effectiveOutcome != AdverseEventOutcome.FATAL) {
            throw CommandRefused.ruleBroken("grade-5-is-fatal", "outcome",
                    "grade 5 is death related to the adverse event: the outcome is FATAL");
        }
        if (!fatalGrade && effectiveOutcome == AdverseEventOutcome.FATAL) {
            throw CommandRefused.ruleBroken("fatal-outcome-is-grade-5", "outcome",
                    "a fatal adverse event has CTCAE grade 5, not " + severity.grade());
        }
        boolean death = seriousnessCriteria.contains(SeriousnessCriterion.DEATH);
        if (fatalGrade != death) {
            throw CommandRefused.ruleBroken(fatalGrade ? "death-criterion-required" : "death-criterion-without-death",
                    "seriousnessCriteria", fatalGrade ? "a fatal adverse event is serious by the DEATH criterion"
                            : "the DEATH criterion belongs to a fatal (grade 5) adverse event only");
        }
        if (effectiveOutcome.resolved() && resolutionDate == null) {
            throw CommandRefused.ruleBroken("resolution-date-required", "resolutionDate",
                    "a recovered adverse event needs its resolution date");
        }
        if (!effectiveOutcome.admitsResolutionDate() && resolutionDate != null) {
            throw CommandRefused.ruleBroken("resolution-date-without-resolution", "resolutionDate",
                    "an adverse event that is " + effectiveOutcome + " has no resolution date");
        }
        if (resolutionDate != null && resolutionDate.isBefore(onsetDate)) {
            throw CommandRefused.ruleBroken("resolution-before-onset", "resolutionDate",
                    "the resolution date " + resolutionDate + " precedes the onset on " + onsetDate);
        }
        return new AdverseEventFacts(AdverseEventTerms.canonical(ctcaeTerm), meddraCode, onsetDate, severity,
                seriousnessCriteria, relationshipToCarT, expected, effectiveOutcome, resolutionDate);
    }

    public int grade() {
        return severity.grade();
    }

    /** Serious by at least one ICH E2A criterion. */
    public boolean serious() {
        return !seriousnessCriteria.isEmpty();
    }

    /** A suspected unexpected serious adverse reaction: serious, unexpected and related to CAR-T. */
    public boolean susar() {
        return serious() && !expected && relationshipToCarT.related();
    }

    /** The names of the fields that differ from {@code before}, as the published events name them. */
    public List<String> changesFrom(AdverseEventFacts before) {
        List<String> changes = new ArrayList<>();
        if (!ctcaeTerm.equals(before.ctcaeTerm)) {
            changes.add("ctcaeTerm");
        }
        if (!Objects.equals(meddraCode, before.meddraCode)) {
            changes.add("meddraCode");
        }
        if (!onsetDate.equals(before.onsetDate)) {
            changes.add("onsetDate");
        }
        if (grade() != before.grade()) {
            changes.add("grade");
        }
        if (!Objects.equals(severity.crs(), before.severity.crs())) {
            changes.add("crs");
        }
        if (!Objects.equals(severity.icans(), before.severity.icans())) {
            changes.add("icans");
        }
        if (!seriousnessCriteria.equals(before.seriousnessCriteria)) {
            changes.add("seriousnessCriteria");
        }
        if (relationshipToCarT != before.relationshipToCarT) {
            changes.add("relationshipToCarT");
        }
        if (expected != before.expected) {
            changes.add("expected");
        }
        if (outcome != before.outcome) {
            changes.add("outcome");
        }
        if (!Objects.equals(resolutionDate, before.resolutionDate)) {
            changes.add("resolutionDate");
        }
        return changes;
    }

    public List<String> seriousnessCriteriaNames() {
        return seriousnessCriteria.stream().sorted().map(Enum::name).toList();
    }

    /** As the published events carry it. */
    public AdverseEventDetails details() {
        return new AdverseEventDetails(ctcaeTerm, meddraCode, onsetDate, grade(), severity.scale().name(),
                severity.crs() == null ? null : severity.crs().findings(),
                severity.icans() == null ? null : severity.icans().findings(), serious(), seriousnessCriteriaNames(),
                relationshipToCarT.code(), expected, susar(), outcome.name(), resolutionDate);
    }

    /** Back from a published event (rebuilding the aggregate). */
    public static AdverseEventFacts of(AdverseEventDetails details) {
        CrsAssessment crs = details.crs() == null ? null : CrsAssessment.of(details.crs());
        IcansAssessment icans = details.icans() == null ? null : IcansAssessment.of(details.icans());
        GradingScale scale = details.gradingScale() == null ? GradingScale.CTCAE_V5
                : GradingScale.valueOf(details.gradingScale());
        Set<SeriousnessCriterion> criteria = details.seriousnessCriteria().isEmpty()
                ? Set.of() : EnumSet.copyOf(details.seriousnessCriteria().stream().map(SeriousnessCriterion::valueOf)
                        .toList());
        return new AdverseEventFacts(details.ctcaeTerm(), details.meddraCode(), details.onsetDate(),
                new Severity(details.grade(), scale, crs, icans), criteria,
                RelationshipToCarT.fromCode(details.relationshipToCarT()).orElseThrow(), details.expected(),
                details.outcome() == null ? AdverseEventOutcome.NOT_RECOVERED
                        : AdverseEventOutcome.valueOf(details.outcome()),
                details.resolutionDate());
    }
}
