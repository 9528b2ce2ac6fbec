package org.cartrial.outcomes.analysis.domain;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The transform a pointwise 95% interval of a survival or state probability is built on, computed as R's
 * {@code survfit_confint} does: from the standard error of -log p, with the log band capped at 1.
 */
public enum ConfidenceType {
    /** The default of R's survival package and of this trial's reports. */
    LOG("log"),
    /** On request; not defined where p is 0 or 1 (R gives NA). */
    LOG_LOG("log-log");

    static final double CONFIDENCE_LEVEL = 0.95;

    /** qnorm(0.975), computed from the level the same way survfit does. */
    static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE_LEVEL) / 2);

    private final String label;

    ConfidenceType(String label) {
        this.label = label;
    }

    /** The name R uses for the conf.type argument. */
    public String label() {
        return label;
    }

    /** The interval around {@code p} given the standard error of its log (of the cumulative hazard for KM). */
    public ConfidenceLimits around(double p, double stdErrLog) {
        return switch (this) {
            case LOG -> {
                if (!(p > 0)) {
                    yield ConfidenceLimits.NOT_AVAILABLE;
                }
                double halfWidth = Z * stdErrLog;
                yield ConfidenceLimits.of(Math.exp(Math.log(p) - halfWidth), Math.min(Math.exp(Math.log(p) + halfWidth), 1));
            }
            case LOG_LOG -> {
                if (!(p > 0) || p == 1) {
                    yield ConfidenceLimits.NOT_AVAILABLE;
                }
                double halfWidth = Z * stdErrLog / Math.log(p);
                double centre = Math.log(-Math.log(p));
                yield ConfidenceLimits.of(Math.exp(-Math.exp(centre - halfWidth)), Math.exp(-Math.exp(centre + halfWidth)));
            }
        };
    }

    /** For a state probability whose standard error is on the probability scale (Aalen-Johansen). */
    public ConfidenceLimits aroundProbability(double p, double stdErr) {
        return around(p, stdErr == 0 ? 0 : stdErr / p);
    }
}
