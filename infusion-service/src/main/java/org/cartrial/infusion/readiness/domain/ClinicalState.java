package org.cartrial.infusion.readiness.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One subject's clinical state as the infusion service learnt it from the enrolment, outcomes and safety streams.
 * Assessments and adverse events are keyed by their ids, so the state does not depend on the order their events
 * arrived in; {@code position} is the last event applied to it.
 *
 * @param enrolledOn  the enrolment date, null while not enrolled
 * @param withdrawnOn the withdrawal date, null while not withdrawn
 */
public record ClinicalState(
        String subjectId,
        String siteId,
        LocalDate enrolledOn,
        LocalDate withdrawnOn,
        Map<String, ResponseAssessment> assessments,
        Map<String, AdverseEventState> adverseEvents,
        StatePosition position) {

    /** The latest assessment by date; on the same date, the one recorded last. */
    static final Comparator<ResponseAssessment> CHRONOLOGICAL = Comparator
            .comparing(ResponseAssessment::assessedOn)
            .thenComparing(ResponseAssessment::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ResponseAssessment::assessmentId);

    public ClinicalState {
        assessments = Map.copyOf(assessments);
        adverseEvents = Map.copyOf(adverseEvents);
    }

    /** Enrolled on or before {@code date}. */
    public boolean enrolledBy(LocalDate date) {
        return enrolledOn != null && !enrolledOn.isAfter(date);
    }

    /** Withdrawn on or before {@code date}. */
    public boolean withdrawnBy(LocalDate date) {
        return withdrawnOn != null && !withdrawnOn.isAfter(date);
    }

    /** The latest response assessment dated on or before {@code date}. */
    public Optional<ResponseAssessment> latestAssessmentBy(LocalDate date) {
        return assessments.values().stream().filter(a -> !a.assessedOn().isAfter(date)).max(CHRONOLOGICAL);
    }

    /** The adverse events open on {@code date}, by onset then id. */
    public List<AdverseEventState> openAdverseEventsOn(LocalDate date) {
        return adverseEvents.values().stream().filter(ae -> ae.openOn(date))
                .sorted(Comparator.comparing(AdverseEventState::onsetOn,
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(AdverseEventState::adverseEventId))
                .toList();
    }
}
