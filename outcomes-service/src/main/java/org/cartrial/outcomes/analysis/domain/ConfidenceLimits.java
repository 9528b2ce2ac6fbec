package org.cartrial.outcomes.analysis.domain;

/** Lower and upper limits of a confidence interval; {@code null} where R's survival package gives NA. */
public record ConfidenceLimits(Double lower, Double upper) {

    static final ConfidenceLimits NOT_AVAILABLE = new ConfidenceLimits(null, null);

    /** Non-finite limits (log of 0, 0/0) are reported as not available, as R reports NA. */
    static ConfidenceLimits of(double lower, double upper) {
        return new ConfidenceLimits(Double.isFinite(lower) ? lower : null, Double.isFinite(upper) ? upper : null);
    }
}
