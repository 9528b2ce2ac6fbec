package org.cartrial.api.enrollment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * Findings of the latest screening were recorded wrongly and are corrected, with the reason. {@code screening} is
 * the whole screening with the corrected findings and the eligibility decided again from them, under the protocol
 * version in force on the screening date (as the screening itself was). {@code eligibilityBefore} and
 * {@code eligibility} are that decision before and after the correction; {@code corrections} holds the old and new
 * value of each corrected field (and of {@code eligible}, {@code failedCriteria} when the decision changed),
 * {@code correctedBy} who corrected it; {@code occurredOn} is the screening date.
 * <p>
 * An enrolled subject found ineligible stays enrolled (the treatment happened): {@code eligibilityDeviation} marks
 * that the subject was enrolled without meeting every criterion, a protocol deviation to report. A correction that
 * makes the subject eligible again clears it. Events stored before the decision was taken again have neither
 * outcome ({@code null}).
 */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record ScreeningFindingsCorrected(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        PatientScreened screening,
        List<CorrectedValue> corrections,
        String reason,
        String correctedBy,
        Eligibility eligibilityBefore,
        Eligibility eligibility,
        boolean eligibilityDeviation) implements TrialEvent {

    /** An eligibility decision: eligible, or not with every failed criterion; the protocol version that decided. */
    public record Eligibility(boolean eligible, List<FailedCriterion> failedCriteria, String protocolVersion) {

        public Eligibility {
            failedCriteria = failedCriteria == null ? List.of() : List.copyOf(failedCriteria);
        }

        /** The decision a screening event records. */
        public static Eligibility of(PatientScreened screening) {
            return new Eligibility(screening.eligible(), screening.failedCriteria(), screening.protocolVersion());
        }
    }

    public ScreeningFindingsCorrected {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }
}
