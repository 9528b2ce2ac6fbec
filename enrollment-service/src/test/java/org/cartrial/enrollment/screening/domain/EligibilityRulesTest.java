package org.cartrial.enrollment.screening.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.cartrial.api.enrollment.FailedCriterion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityRulesTest {

    private final EligibilityRules rules = new EligibilityRules(EligibilitySettings.PROTOCOL_1_0);

    private static ScreeningFindings findings(String age, String cd19, String cd22) {
        return new ScreeningFindings(LocalDate.of(2026, 11, 20), new BigDecimal(age), new BigDecimal(cd19),
                new BigDecimal(cd22));
    }

    @ParameterizedTest(name = "age {0} -> eligible {1}")
    @CsvSource({"0.99,false", "1,true", "1.00,true", "8.5,true", "18,true", "18.00,true", "18.01,false"})
    void age_bounds_are_inclusive(String age, boolean eligible) {
        assertThat(rules.decide(findings(age, "99", "99")).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "CD19 {0}% -> eligible {1}")
    @CsvSource({"94.9,false", "95.0,false", "95,false", "95.01,true", "95.1,true", "100,true"})
    void cd19_must_be_strictly_above_95_percent(String cd19, boolean eligible) {
        assertThat(rules.decide(findings("8", cd19, "99")).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "CD22 {0}% -> eligible {1}")
    @CsvSource({"95.0,false", "95.1,true"})
    void cd22_must_be_strictly_above_95_percent(String cd22, boolean eligible) {
        assertThat(rules.decide(findings("8", "99", cd22)).eligible()).isEqualTo(eligible);
    }

    @Test
    void a_refusal_names_every_failed_criterion_and_the_protocol_version() {
        EligibilityDecision decision = rules.decide(findings("18.5", "95.0", "40"));

        assertThat(decision.eligible()).isFalse();
        assertThat(decision.failedCriteria()).extracting(FailedCriterion::code)
                .containsExactly("age-in-range", "cd19-expression", "cd22-expression");
        assertThat(decision.protocolVersion()).isEqualTo("1.0");
    }
}
