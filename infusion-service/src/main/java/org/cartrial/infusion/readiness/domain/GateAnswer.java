package org.cartrial.infusion.readiness.domain;

import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.infusion.CarTInfused;

/**
 * The CD22 gate's answer as of a date, with the evidence it was decided on: the latest assessment it judged, every
 * adverse event open on that date and the position of the clinical state it read.
 */
public record GateAnswer(LocalDate asOf, List<GateReason> reasons, ResponseAssessment latestAssessment,
        List<AdverseEventState> openAdverseEvents, StatePosition position) {

    public GateAnswer {
        reasons = List.copyOf(reasons);
        openAdverseEvents = List.copyOf(openAdverseEvents);
    }

    public boolean open() {
        return reasons.isEmpty();
    }

    /** The evidence as the infusion event records it; {@code override} is given only when the gate was closed. */
    public CarTInfused.Cd22GateEvidence evidence(CarTInfused.GateOverride override) {
        return new CarTInfused.Cd22GateEvidence(open(), reasons.stream().map(GateReason::code).toList(),
                latestAssessment == null ? null
                        : new CarTInfused.AssessmentSeen(latestAssessment.assessmentId(),
                                latestAssessment.assessedOn(), latestAssessment.derivedResponse(),
                                latestAssessment.mrdNegative()),
                openAdverseEvents.stream().map(ae -> new CarTInfused.OpenAdverseEvent(ae.adverseEventId(),
                        ae.ctcaeTerm(), ae.grade(), ae.haematological())).toList(),
                position == null ? null : new CarTInfused.StatePosition(position.lastEventId(), position.recordedAt()),
                override);
    }
}
