package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cartrial.outcomes.analysis.domain.RemissionOutcome.CENSORED;
import static org.cartrial.outcomes.analysis.domain.RemissionOutcome.DEATH_IN_REMISSION;
import static org.cartrial.outcomes.analysis.domain.RemissionOutcome.RELAPSE;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Aalen-Johansen incidences and their infinitesimal-jackknife errors on cohorts worked by hand. */
class AalenJohansenTest {

    private static final double EXACT = 1e-12;

    private static TimeInRemission at(double time, RemissionOutcome outcome) {
        return new TimeInRemission(time, outcome);
    }

    @Test
    void death_in_remission_competes_with_relapse_instead_of_being_censored() {
        CumulativeIncidenceCurve curve = AalenJohansen.fit(List.of(at(1, RELAPSE), at(2, DEATH_IN_REMISSION),
                at(3, CENSORED), at(4, RELAPSE), at(5, CENSORED))).curve();

        assertThat(curve.time()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(curve.nRisk()).containsExactly(5, 4, 3, 2, 1);
        // Relapse: 1/5, then 1/5 + (3/5)(1/2) at day 4 = 1/2 (1 - KM would give 1 - (4/5)(1/2) = 3/5).
        assertThat(curve.relapse().get(0)).isCloseTo(0.2, within(EXACT));
        assertThat(curve.relapse().get(3)).isCloseTo(0.5, within(EXACT));
        assertThat(curve.deathWithoutRelapse().get(1)).isCloseTo(0.2, within(EXACT));
        assertThat(curve.deathWithoutRelapse().get(4)).isCloseTo(0.2, within(EXACT));
    }

    @Test
    void without_censoring_is_the_empirical_proportion_with_its_binomial_error() {
        // Ten subjects, no censoring: the incidence is the share with the event so far and the IJ variance is
        // p (1 - p) / n. Tied relapses and a relapse tied with a death are included.
        List<TimeInRemission> cohort = List.of(at(1, RELAPSE), at(2, RELAPSE), at(2, RELAPSE), at(3, DEATH_IN_REMISSION),
                at(3, RELAPSE), at(5, DEATH_IN_REMISSION), at(6, RELAPSE), at(8, RELAPSE), at(9, DEATH_IN_REMISSION),
                at(10, RELAPSE));
        AalenJohansen fit = AalenJohansen.fit(cohort);

        IntStream.of(1, 3, 4, 8).forEach(day -> {
            CumulativeIncidenceLandmark landmark = fit.at(new Landmark(0, day + 0.5));
            double relapsed = cohort.stream().filter(o -> o.time() <= day && o.outcome() == RELAPSE).count() / 10.0;
            double died = cohort.stream().filter(o -> o.time() <= day && o.outcome() == DEATH_IN_REMISSION).count() / 10.0;
            assertThat(landmark.relapse().cuminc()).isCloseTo(relapsed, within(EXACT));
            assertThat(landmark.relapse().stdErr()).isCloseTo(Math.sqrt(relapsed * (1 - relapsed) / 10), within(EXACT));
            assertThat(landmark.deathWithoutRelapse().cuminc()).isCloseTo(died, within(EXACT));
            assertThat(landmark.deathWithoutRelapse().stdErr()).isCloseTo(Math.sqrt(died * (1 - died) / 10), within(EXACT));
        });
    }

    @Test
    void log_interval_on_the_probability_scale() {
        AalenJohansen fit = AalenJohansen.fit(List.of(at(1, RELAPSE), at(2, CENSORED), at(3, RELAPSE), at(4, CENSORED)));

        StateProbability relapse = fit.at(new Landmark(0, 1)).relapse();
        double se = Math.sqrt(0.25 * 0.75 / 4);
        assertThat(relapse.stdErr()).isCloseTo(se, within(EXACT));
        assertThat(relapse.lower()).isCloseTo(0.25 * Math.exp(-1.959963984540054 * se / 0.25), within(EXACT));
        assertThat(0.25 * Math.exp(1.959963984540054 * se / 0.25)).isGreaterThan(1);
        assertThat(relapse.upper()).isEqualTo(1.0); // capped, as survfit_confint does
    }

    @Test
    void nothing_to_report_where_no_relapse_happened_yet_or_beyond_the_last_time() {
        AalenJohansen fit = AalenJohansen.fit(List.of(at(2, DEATH_IN_REMISSION), at(3, RELAPSE), at(4, CENSORED)));

        StateProbability noRelapseYet = fit.at(new Landmark(0, 2.5)).relapse();
        assertThat(noRelapseYet.cuminc()).isZero();
        assertThat(noRelapseYet.lower()).isNull();
        CumulativeIncidenceLandmark beyond = fit.at(new Landmark(0, 4.5));
        assertThat(beyond.nRisk()).isNull();
        assertThat(beyond.relapse().cuminc()).isNull();
    }
}
