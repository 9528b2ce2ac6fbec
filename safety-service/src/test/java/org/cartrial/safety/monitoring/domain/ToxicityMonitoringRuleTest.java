package org.cartrial.safety.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Bayesian rule checked against two computations that share nothing with the library: the Beta tail by
 * numeric integration of the density (composite Simpson), and the exact identity for integer parameters
 * P(Beta(1 + x, 1 + n - x) > t) = P(Binomial(n + 1, t) <= x).
 */
class ToxicityMonitoringRuleTest {

    private static final ToxicityMonitoringRule RULE = new ToxicityMonitoringRule(MonitoringSettings.VERSION_1_0);

    /** P(p > t) for p ~ Beta(a, b), by integrating p^(a-1) (1-p)^(b-1) over [t, 1] and over [0, 1]. */
    private static double betaTailByIntegration(double a, double b, double t) {
        return simpson(a, b, t, 1) / simpson(a, b, 0, 1);
    }

    private static double simpson(double a, double b, double from, double to) {
        int intervals = 20_000;
        double h = (to - from) / intervals;
        double sum = density(a, b, from) + density(a, b, to);
        for (int i = 1; i < intervals; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(a, b, from + i * h);
        }
        return sum * h / 3;
    }

    private static double density(double a, double b, double p) {
        return Math.pow(p, a - 1) * Math.pow(1 - p, b - 1);
    }

    /** P(Binomial(m, 1/5) <= x), exactly in integers: sum over k of C(m, k) 4^(m-k), over 5^m. */
    private static double binomialCdfAtOneFifth(int m, int x) {
        BigInteger favourable = BigInteger.ZERO;
        for (int k = 0; k <= x; k++) {
            favourable = favourable.add(binomial(m, k).multiply(BigInteger.valueOf(4).pow(m - k)));
        }
        return new java.math.BigDecimal(favourable).divide(new java.math.BigDecimal(BigInteger.valueOf(5).pow(m)),
                java.math.MathContext.DECIMAL64).doubleValue();
    }

    private static BigInteger binomial(int m, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    @Test
    void the_posterior_agrees_with_numeric_integration_and_the_binomial_identity_for_every_count_up_to_50() {
        for (int n = 1; n <= 50; n++) {
            for (int x = 0; x <= n; x++) {
                double library = RULE.posteriorProbabilityAboveThreshold(x, n);
                assertThat(library).as("x=%d n=%d vs integration", x, n)
                        .isCloseTo(betaTailByIntegration(1 + x, 1 + n - x, 0.20), within(1e-9));
                assertThat(library).as("x=%d n=%d vs binomial", x, n)
                        .isCloseTo(binomialCdfAtOneFifth(n + 1, x), within(1e-12));
            }
        }
    }

    @ParameterizedTest(name = "n = {0}: {1} toxic subjects signal (P = {2}), {3} do not (P = {4})")
    @CsvSource({
            "1, 1, 0.96, 0, 0.64",
            "2, 2, 0.992, 1, 0.896",
            "5, 2, 0.90112, 1, 0.65536",
            "6, 3, 0.966656, 2, 0.851968",
            "10, 4, 0.9495904256, 3, 0.8388608",
            "20, 7, 0.956947366821821, 6, 0.8914875462379908",
            "30, 9, 0.9254001305862684, 8, 0.8492375206085576",
            "50, 14, 0.9293050347514196, 13, 0.8743193951353838"})
    void the_boundary_is_the_smallest_count_that_signals(int n, int boundary, double pAtBoundary, int below,
            double pBelow) {
        assertThat(RULE.boundary(n)).hasValue(boundary);
        assertThat(RULE.signals(boundary, n)).isTrue();
        assertThat(RULE.signals(below, n)).isFalse();
        assertThat(RULE.posteriorProbabilityAboveThreshold(boundary, n)).isCloseTo(pAtBoundary, within(1e-12));
        assertThat(RULE.posteriorProbabilityAboveThreshold(below, n)).isCloseTo(pBelow, within(1e-12));
    }

    @Test
    void the_boundary_table_lists_the_smallest_signalling_count_for_each_number_of_infused_subjects() {
        List<ToxicityMonitoringRule.Boundary> table = RULE.boundaryTable();
        assertThat(table).hasSize(50);
        assertThat(table).extracting(ToxicityMonitoringRule.Boundary::infusedSubjects)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
        assertThat(table.subList(0, 10)).extracting(ToxicityMonitoringRule.Boundary::signalsFrom)
                .containsExactly(1, 2, 2, 2, 2, 3, 3, 3, 4, 4);
        for (ToxicityMonitoringRule.Boundary row : table) {
            int n = row.infusedSubjects();
            int x = row.signalsFrom();
            assertThat(binomialCdfAtOneFifth(n + 1, x)).as("n=%d signals at %d", n, x).isGreaterThan(0.90);
            if (x > 0) {
                assertThat(binomialCdfAtOneFifth(n + 1, x - 1)).as("n=%d quiet at %d", n, x - 1)
                        .isLessThanOrEqualTo(0.90);
            }
        }
    }

    @Test
    void both_thresholds_are_settings() {
        ToxicityMonitoringRule stricter = new ToxicityMonitoringRule(
                new MonitoringSettings("test", 1, 1, 0.30, 0.95, 10));
        assertThat(stricter.boundary(10)).hasValue(6);
        assertThat(stricter.posteriorProbabilityAboveThreshold(6, 10))
                .isCloseTo(betaTailByIntegration(7, 5, 0.30), within(1e-9));
        assertThat(stricter.posteriorProbabilityAboveThreshold(5, 10)).isLessThanOrEqualTo(0.95);
        ToxicityMonitoringRule otherPrior = new ToxicityMonitoringRule(
                new MonitoringSettings("test", 0.5, 2, 0.20, 0.90, 10));
        assertThat(otherPrior.posteriorProbabilityAboveThreshold(3, 10))
                .isCloseTo(betaTailByIntegration(3.5, 9, 0.20), within(1e-6));
    }

    @Test
    void no_count_signals_where_the_posterior_cannot_exceed_the_threshold() {
        ToxicityMonitoringRule demanding = new ToxicityMonitoringRule(
                new MonitoringSettings("test", 1, 1, 0.20, 0.99, 3));
        assertThat(demanding.boundary(1)).isEmpty();
        assertThat(demanding.boundaryTable().get(0).signalsFrom()).isNull();
    }
}
