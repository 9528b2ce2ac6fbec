package org.cartrial.api.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.outcomes.ResponseCategory;

/**
 * A CAR-T product was infused. The CD19 infusion date is day 0 of every clock of the trial. A CD22 infusion
 * carries the evidence the CD22 gate (protocol section 2) was decided on; {@code cd22GateEvidence} is null for
 * CD19 (and absent from the JSON, so a CD19 event reads as it did before the gate existed).
 */
@PublishedEvent(context = TrialContext.INFUSION)
public record CarTInfused(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        CarTProduct product,
        Instant infusedAt,
        BigDecimal dose10e6CellsPerKg,
        BigDecimal weightKg,
        String productLot,
        String protocolVersion,
        Cd22GateEvidence cd22GateEvidence) implements TrialEvent {

    /** An infusion without gate evidence (CD19, which has no gate). */
    public CarTInfused(String subjectId, String siteId, LocalDate occurredOn, Instant recordedAt, CarTProduct product,
            Instant infusedAt, BigDecimal dose10e6CellsPerKg, BigDecimal weightKg, String productLot,
            String protocolVersion) {
        this(subjectId, siteId, occurredOn, recordedAt, product, infusedAt, dose10e6CellsPerKg, weightKg, productLot,
                protocolVersion, null);
    }

    /**
     * What the CD22 gate saw when the infusion was recorded: the latest response assessment up to the infusion
     * date, the adverse events open on that date, the position of the clinical state it read (the last event
     * applied to it: id and recording time), whether the gate was open and, if it was closed, the codes of every
     * reason and the override that let the infusion through.
     *
     * @param gateOpen          true when every condition held, false when the infusion went ahead on an override
     * @param closedBecause     the codes of the reasons the gate was closed (empty when open)
     * @param latestAssessment  the assessment the gate judged (null when there was none)
     * @param openAdverseEvents every adverse event open on the infusion date, haematological or not
     * @param readAt            the position of the clinical state the gate read
     * @param override          the override, when the gate was closed; null when the gate was open
     */
    public record Cd22GateEvidence(
            boolean gateOpen,
            List<String> closedBecause,
            AssessmentSeen latestAssessment,
            List<OpenAdverseEvent> openAdverseEvents,
            StatePosition readAt,
            GateOverride override) {

        public Cd22GateEvidence {
            closedBecause = closedBecause == null ? List.of() : List.copyOf(closedBecause);
            openAdverseEvents = openAdverseEvents == null ? List.of() : List.copyOf(openAdverseEvents);
        }
    }

    /** A response assessment as the gate judged it: id, date, the derived category and the MRD status. */
    public record AssessmentSeen(String assessmentId, LocalDate assessedOn, ResponseCategory derivedResponse,
            Boolean mrdNegative) {
    }

    /** An adverse event open on the infusion date; {@code haematological} ones do not close the gate. */
    public record OpenAdverseEvent(String adverseEventId, String ctcaeTerm, int grade, boolean haematological) {
    }

    /** The last event applied to the clinical state that was read: its id ({@code ce_id}) and recording time. */
    public record StatePosition(String lastEventId, Instant recordedAt) {
    }

    /** A closed gate overridden: the reason, and the approver (the user who recorded it) with the qualifying role. */
    public record GateOverride(String reason, String approvedBy, String approverRole) {
    }
}
