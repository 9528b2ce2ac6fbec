package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Clopper-Pearson limits where the Beta quantiles have a closed form, and the protocol's own example. */
class ExactProportionTest {

    private static final double EXACT = 1e-12;

    @Test
    void the_protocol_example_80_of_81() {
        ExactProportion orr = ExactProportion.of(80, 81);

        assertThat(orr.proportion()).isCloseTo(80.0 / 81, within(EXACT));
        assertThat(orr.lower()).isCloseTo(0.933, within(5e-4));
        // Beta(81, 1) has CDF x^81, so its 0.975 quantile is 0.975^(1/81).
        assertThat(orr.upper()).isCloseTo(Math.pow(0.975, 1.0 / 81), within(EXACT));
        assertThat(orr.upper()).isCloseTo(0.9997, within(5e-5));
    }

    @Test
    void none_and_all() {
        ExactProportion none = ExactProportion.of(0, 20);
        ExactProportion all = ExactProportion.of(20, 20);

        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(1 - Math.pow(0.025, 1.0 / 20), within(EXACT));
        assertThat(all.lower()).isCloseTo(Math.pow(0.025, 1.0 / 20), within(EXACT));
        assertThat(all.upper()).isEqualTo(1.0);
    }

    @Test
    void one_responder_has_a_closed_form_lower_limit() {
        // Beta(1, n) has CDF 1 - (1 - x)^n.
        assertThat(ExactProportion.of(1, 30).lower()).isCloseTo(1 - Math.pow(0.975, 1.0 / 30), within(EXACT));
    }

    @Test
    void is_symmetric_in_responders_and_non_responders() {
        ExactProportion some = ExactProportion.of(7, 23);
        ExactProportion rest = ExactProportion.of(16, 23);

        assertThat(some.lower()).isCloseTo(1 - rest.upper(), within(EXACT));
        assertThat(some.upper()).isCloseTo(1 - rest.lower(), within(EXACT));
    }

    @Test
    void has_no_estimate_without_subjects() {
        assertThat(ExactProportion.of(0, 0).proportion()).isNull();
    }
}
