package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AalenJohansen} against its literal computation ({@link AalenJohansenByDefinition}, one influence value per
 * subject): the same rows and incidences, and the same infinitesimal-jackknife errors up to rounding, on random
 * cohorts with many ties, same-day relapses and deaths, zero times and censoring at event times.
 */
class AalenJohansenByDefinitionTest {

    /**
     * Relative: the errors are sums of squares added in another order. The literal plain sum of n squares drifts by
     * up to about n ulps (on 100,000 subjects the two differ by at most 1.4e-12 relative, 2.5e-16 absolute); with
     * that sum compensated (Kahan, fma) they agree to 1.1e-15 at 100,000 subjects.
     */
    private static final double ROUNDING = 1e-10;

    @ParameterizedTest
    @CsvSource({"1, 50, 30", "2, 500, 100", "3, 3000, 400", "4, 3000, 20", "5, 2000, 2000", "6, 1, 1", "7, 10000, 1200"})
    void gives_what_the_literal_computation_gives(long seed, int size, int distinctDays) {
        Random random = new Random(seed);
        List<TimeInRemission> cohort = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double u = random.nextDouble();
            RemissionOutcome outcome = u < 0.35 ? RemissionOutcome.RELAPSE
                    : u < 0.45 ? RemissionOutcome.DEATH_IN_REMISSION : RemissionOutcome.CENSORED;
            cohort.add(new TimeInRemission(random.nextInt(distinctDays), outcome));
        }

        AalenJohansen fit = AalenJohansen.fit(cohort);
        AalenJohansenByDefinition.Fit literal = AalenJohansenByDefinition.fit(cohort);

        CumulativeIncidenceCurve curve = fit.curve();
        assertThat(curve.time()).containsExactly(boxed(literal.time()));
        assertThat(curve.nRisk()).containsExactly(Arrays.stream(literal.nRisk()).boxed().toArray(Integer[]::new));
        assertThat(curve.relapse()).containsExactly(boxed(literal.relapse()));
        assertThat(curve.deathWithoutRelapse()).containsExactly(boxed(literal.death()));
        double largest = 0;
        for (int i = 0; i < literal.time().length; i++) {
            CumulativeIncidenceLandmark at = fit.at(new Landmark(0, literal.time()[i]));
            largest = Math.max(largest, assertClose(at.relapse().stdErr(), literal.relapseStdErr()[i]));
            largest = Math.max(largest, assertClose(at.deathWithoutRelapse().stdErr(), literal.deathStdErr()[i]));
        }
        System.out.printf("Aalen-Johansen, %d subjects: largest relative difference of the errors %.3g%n", size, largest);
    }

    /** @return the relative difference */
    private static double assertClose(Double actual, double expected) {
        if (expected == 0) {
            assertThat(actual).isZero();
            return 0;
        }
        assertThat(actual).isCloseTo(expected, within(ROUNDING * expected));
        return Math.abs(actual - expected) / expected;
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
