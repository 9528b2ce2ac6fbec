package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.outcomes.analysis.domain.TimeToEvent.censored;
import static org.cartrial.outcomes.analysis.domain.TimeToEvent.event;

import java.util.List;

import org.junit.jupiter.api.Test;

/** quantile.survfit's rule for the median and for its CI, on curves worked by hand. */
class MedianSurvivalRuleTest {

    @Test
    void is_the_first_time_the_curve_is_below_one_half() {
        // S: 4/5, 3/5, (censored at 2.5), 3/10 at day 3.
        KaplanMeier fit = KaplanMeier.fit(List.of(event(1), event(2), censored(2.5), event(3), event(4)));

        assertThat(fit.median(ConfidenceType.LOG).time()).isEqualTo(3.0);
    }

    @Test
    void takes_the_midpoint_where_the_curve_is_exactly_one_half_over_a_stretch() {
        // S = 0.5 from day 2 until the next death on day 3: R reports 2.5.
        assertThat(KaplanMeier.fit(List.of(event(1), event(2), event(3), event(4))).median(ConfidenceType.LOG).time())
                .isEqualTo(2.5);
        // A censoring inside the flat stretch does not end it: S = 0.5 from day 3 to the death on day 6.
        List<TimeToEvent> halfThenCensored = List.of(event(1), event(2), event(3), censored(4), event(6), event(7));
        assertThat(KaplanMeier.fit(halfThenCensored).median(ConfidenceType.LOG).time()).isEqualTo(4.5);
    }

    @Test
    void runs_the_midpoint_to_the_last_time_when_the_curve_ends_at_one_half() {
        // S = 0.75, 0.5, then only censorings up to day 4: (2 + 4) / 2.
        KaplanMeier fit = KaplanMeier.fit(List.of(event(1), event(2), censored(3), censored(4)));

        assertThat(fit.median(ConfidenceType.LOG).time()).isEqualTo(3.0);
    }

    @Test
    void is_not_reached_when_the_curve_stays_above_one_half() {
        MedianSurvival median = KaplanMeier.fit(List.of(event(1), censored(2), censored(3))).median(ConfidenceType.LOG);

        assertThat(median.time()).isNull();
        assertThat(median.upper()).isNull();
    }

    @Test
    void reads_the_ci_where_the_limits_cross_one_half() {
        // Deaths on days 1-4: the lower limit is below 0.5 from day 1; the upper limit is capped at 1 until S = 0,
        // where it is NA, so the upper end of the CI is not reached.
        MedianSurvival median = KaplanMeier.fit(List.of(event(1), event(2), event(3), event(4)))
                .median(ConfidenceType.LOG);

        assertThat(median.time()).isEqualTo(2.5);
        assertThat(median.lower()).isEqualTo(1.0);
        assertThat(median.upper()).isNull();
    }

    @Test
    void skips_limits_r_reports_as_na() {
        // Log-log limits are NA at S = 1 (day 0 censoring); the rule reads the curve without them.
        Double[] lower = {null, 0.8, 0.45, 0.3};
        double[] times = {0, 1, 2, 3};

        assertThat(SurvivalQuantile.time(0.5, times, lower, 0)).isEqualTo(2.0);
    }
}
