package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;

/**
 * An adverse event was reported; {@code occurredOn} is its onset date, {@code grade} the CTCAE v5 grade 1-5.
 * For cytokine release syndrome and ICANS the grade is computed by ASTCT 2019 from the findings the event carries
 * ({@code crs} or {@code icans}), so the grade can be re-checked from the event alone; {@code gradingScale} names
 * the scale that produced it. {@code serious} holds exactly when {@code seriousnessCriteria} (ICH E2A) is not
 * empty; {@code susar} = serious, unexpected and related (possible, probable or definite). {@code outcome} is one
 * of RECOVERED, RECOVERING, NOT_RECOVERED, RECOVERED_WITH_SEQUELAE, FATAL, UNKNOWN.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record AdverseEventReported(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String ctcaeTerm,
        int grade,
        boolean serious,
        String relationshipToCarT,
        boolean expected,
        String protocolVersion,
        String meddraCode,
        String gradingScale,
        CrsFindings crs,
        IcansFindings icans,
        List<String> seriousnessCriteria,
        boolean susar,
        String outcome,
        LocalDate resolutionDate) implements AdverseEventVersion {

    public AdverseEventReported {
        seriousnessCriteria = seriousnessCriteria == null ? List.of() : List.copyOf(seriousnessCriteria);
    }

    /** The report in the shape of every later version (not a record component: it is not serialized). */
    @Override
    public AdverseEventDetails details() {
        return new AdverseEventDetails(ctcaeTerm, meddraCode, occurredOn, grade, gradingScale, crs, icans, serious,
                seriousnessCriteria, relationshipToCarT, expected, susar, outcome, resolutionDate);
    }

    @Override
    public String why() {
        return "reported";
    }
}
