package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * The safety monitoring rule crossed its boundary: among {@code infusedSubjects} CD19-infused subjects,
 * {@code subjectsWithToxicity} had grade >= 4 CRS, grade >= 4 ICANS or a treatment-related death, and the posterior
 * probability (Beta({@code priorAlpha}, {@code priorBeta}) prior) that the toxicity rate exceeds
 * {@code toxicityRateThreshold} is {@code posteriorProbability} > {@code probabilityThreshold}. Raised once per
 * crossing. {@code subjectId}, {@code siteId} and {@code occurredOn} are those of the subject whose event made
 * the count cross; {@code boundary} is the smallest count that signals at this number of infused subjects.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record SafetySignalRaised(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String rule,
        int infusedSubjects,
        int subjectsWithToxicity,
        int boundary,
        double posteriorProbability,
        double toxicityRateThreshold,
        double probabilityThreshold,
        double priorAlpha,
        double priorBeta,
        List<String> subjectsCounted,
        String settingsVersion) implements TrialEvent {

    public SafetySignalRaised {
        subjectsCounted = subjectsCounted == null ? List.of() : List.copyOf(subjectsCounted);
    }
}
