package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cartrial.outcomes.analysis.domain.TimeToEvent.censored;
import static org.cartrial.outcomes.analysis.domain.TimeToEvent.event;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Small curves worked by hand: ties, Greenwood's variance, both bands, and where R reports NA. */
class KaplanMeierTest {

    private static final double EXACT = 1e-12;
    private static final double Z = 1.959963984540054;

    /** 7 subjects: two deaths tied with a censoring at day 2, a censoring alone at day 3. */
    private static final List<TimeToEvent> TIED = List.of(event(1), event(2), censored(2), event(2), censored(3),
            event(4), censored(5));

    @Test
    void counts_deaths_before_censorings_at_a_tied_time() {
        SurvivalTable table = KaplanMeier.fit(TIED).table(ConfidenceType.LOG);

        assertThat(table.time()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(table.nRisk()).containsExactly(7, 6, 3, 2, 1);
        assertThat(table.nEvent()).containsExactly(1, 2, 0, 1, 0);
        assertThat(table.nCensor()).containsExactly(0, 1, 1, 0, 1);
        // The censored subject at day 2 is still at risk for the deaths of day 2: 6 at risk, not 5.
        assertThat(table.surv().get(1)).isCloseTo(6.0 / 7 * 4 / 6, within(EXACT));
        assertThat(table.surv().get(2)).isEqualTo(table.surv().get(1));
        assertThat(table.surv().get(3)).isCloseTo(2.0 / 7, within(EXACT));
    }

    @Test
    void greenwood_standard_errors_and_log_band() {
        SurvivalTable table = KaplanMeier.fit(TIED).table(ConfidenceType.LOG);
        double varianceLogAtDay2 = 1.0 / (7 * 6) + 2.0 / (6 * 4);
        double varianceLogAtDay4 = varianceLogAtDay2 + 1.0 / (2 * 1);

        assertThat(table.stdErrLog().get(1)).isCloseTo(Math.sqrt(varianceLogAtDay2), within(EXACT));
        assertThat(table.stdErrLog().get(3)).isCloseTo(Math.sqrt(varianceLogAtDay4), within(EXACT));
        assertThat(table.stdErr().get(3)).isCloseTo(2.0 / 7 * Math.sqrt(varianceLogAtDay4), within(EXACT));
        double s = 4.0 / 7;
        assertThat(table.lower().get(1)).isCloseTo(s * Math.exp(-Z * Math.sqrt(varianceLogAtDay2)), within(EXACT));
        assertThat(table.upper().get(1)).isCloseTo(Math.min(1, s * Math.exp(Z * Math.sqrt(varianceLogAtDay2))), within(EXACT));
        assertThat(table.upper().get(0)).isEqualTo(1.0); // capped
    }

    @Test
    void log_log_band() {
        SurvivalTable table = KaplanMeier.fit(TIED).table(ConfidenceType.LOG_LOG);
        double s = 2.0 / 7;
        double se = Math.sqrt(1.0 / 42 + 2.0 / 24 + 0.5);

        assertThat(table.lower().get(3)).isCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) - Z * se / Math.log(s))), within(EXACT));
        assertThat(table.upper().get(3)).isCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) + Z * se / Math.log(s))), within(EXACT));
    }

    @Test
    void reports_na_where_r_does() {
        // Censored at day 0 (zero follow-up), then everyone left dies: S = 1 first, 0 at the end.
        KaplanMeier fit = KaplanMeier.fit(List.of(censored(0), event(3), event(5), event(5)));

        SurvivalTable log = fit.table(ConfidenceType.LOG);
        SurvivalTable logLog = fit.table(ConfidenceType.LOG_LOG);
        assertThat(log.surv().get(0)).isEqualTo(1.0);
        assertThat(log.lower().get(0)).isEqualTo(1.0);
        assertThat(log.upper().get(0)).isEqualTo(1.0);
        assertThat(logLog.lower().get(0)).isNull();
        assertThat(logLog.upper().get(0)).isNull();
        // All at risk die on day 5: S = 0 and survfit's std.err is infinite, so every interval value is NA.
        assertThat(log.surv().get(2)).isZero();
        assertThat(log.stdErrLog().get(2)).isNull();
        assertThat(log.stdErr().get(2)).isNull();
        assertThat(log.lower().get(2)).isNull();
        assertThat(logLog.upper().get(2)).isNull();
    }

    @Test
    void event_times_are_the_rows_with_an_event() {
        SurvivalTable events = KaplanMeier.fit(TIED).eventTimes(ConfidenceType.LOG);

        assertThat(events.time()).containsExactly(1.0, 2.0, 4.0);
        assertThat(events.nCensor()).containsExactly(0, 1, 0); // censored at exactly that time, not since the last row
    }

    @Test
    void landmark_takes_the_curve_as_it_stands_and_the_number_at_risk_after_it() {
        KaplanMeier fit = KaplanMeier.fit(TIED);

        LandmarkSurvival between = fit.at(new Landmark(0, 2.5), ConfidenceType.LOG);
        assertThat(between.surv()).isCloseTo(4.0 / 7, within(EXACT));
        assertThat(between.nRisk()).isEqualTo(3);
        LandmarkSurvival onATime = fit.at(new Landmark(0, 2), ConfidenceType.LOG);
        assertThat(onATime.surv()).isCloseTo(4.0 / 7, within(EXACT));
        assertThat(onATime.nRisk()).isEqualTo(6);
        LandmarkSurvival beforeAll = fit.at(new Landmark(0, 0.5), ConfidenceType.LOG);
        assertThat(beforeAll.surv()).isEqualTo(1.0);
        assertThat(beforeAll.nRisk()).isEqualTo(7);
        LandmarkSurvival beyond = fit.at(new Landmark(0, 5.5), ConfidenceType.LOG);
        assertThat(beyond.reached()).isFalse();
        assertThat(beyond.nRisk()).isNull();
        assertThat(fit.at(new Landmark(0, 5), ConfidenceType.LOG).surv()).isCloseTo(2.0 / 7, within(EXACT));
    }
}
