package org.cartrial.safety.monitoring.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The Bayesian beta-binomial monitoring rule: with x of n infused subjects toxic, the posterior of the toxicity
 * rate is Beta(alpha + x, beta + n - x); the rule signals when its probability above the rate threshold exceeds the
 * probability threshold. The boundary for n is the smallest x that signals.
 */
public final class ToxicityMonitoringRule {

    private final MonitoringSettings settings;

    public ToxicityMonitoringRule(MonitoringSettings settings) {
        this.settings = settings;
    }

    public MonitoringSettings settings() {
        return settings;
    }

    /** P(rate > threshold | x toxic of n infused). */
    public double posteriorProbabilityAboveThreshold(int subjectsWithToxicity, int infusedSubjects) {
        if (infusedSubjects < 0 || subjectsWithToxicity < 0 || subjectsWithToxicity > infusedSubjects) {
            throw new IllegalArgumentException(subjectsWithToxicity + " of " + infusedSubjects + " is not a count");
        }
        return BetaDistribution.of(settings.priorAlpha() + subjectsWithToxicity,
                settings.priorBeta() + infusedSubjects - subjectsWithToxicity)
                .survivalProbability(settings.toxicityRateThreshold());
    }

    public boolean signals(int subjectsWithToxicity, int infusedSubjects) {
        return posteriorProbabilityAboveThreshold(subjectsWithToxicity, infusedSubjects)
                > settings.probabilityThreshold();
    }

    /** The smallest number of toxic subjects among {@code infusedSubjects} that signals; empty when none does. */
    public OptionalInt boundary(int infusedSubjects) {
        for (int x = 0; x <= infusedSubjects; x++) {
            if (signals(x, infusedSubjects)) {
                return OptionalInt.of(x);
            }
        }
        return OptionalInt.empty();
    }

    /** The boundary for 1 to {@code boundaryTableSize} infused subjects. */
    public List<Boundary> boundaryTable() {
        List<Boundary> table = new ArrayList<>();
        for (int n = 1; n <= settings.boundaryTableSize(); n++) {
            OptionalInt x = boundary(n);
            table.add(new Boundary(n, x.isPresent() ? x.getAsInt() : null,
                    x.isPresent() ? posteriorProbabilityAboveThreshold(x.getAsInt(), n) : null));
        }
        return List.copyOf(table);
    }

    /**
     * One row of the boundary table: at {@code infusedSubjects}, the rule signals from {@code signalsFrom} toxic
     * subjects on (null: never), with {@code posteriorProbability} at that count.
     */
    public record Boundary(int infusedSubjects, Integer signalsFrom, Double posteriorProbability) {
    }
}
