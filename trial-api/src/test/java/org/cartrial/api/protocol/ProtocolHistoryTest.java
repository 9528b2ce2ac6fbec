package org.cartrial.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProtocolHistoryTest {

    private static final ProtocolSettings V1 = ProtocolSettings.VERSION_1_0;

    private static ProtocolSettings doseRange(String version, LocalDate from, String min, String max) {
        return new ProtocolSettings(version, from, V1.minAgeYears(), V1.maxAgeYears(),
                V1.cd19ExpressionAbovePercent(), V1.cd22ExpressionAbovePercent(), V1.mrdPositiveMoreThanMonths(),
                V1.lanskyBelowAgeYears(), V1.minLansky(), V1.minKarnofsky(), V1.maxEcog(), V1.assentFromAgeYears(),
                new BigDecimal(min), new BigDecimal(max));
    }

    @Test
    void version_1_0_is_complete_and_in_force_before_any_amendment() {
        assertThat(V1.missingSettings()).isEmpty();
        ProtocolHistory history = new ProtocolHistory();
        assertThat(history.effectiveOn(LocalDate.of(2026, 1, 1))).isEqualTo(V1);
        assertThat(history.effectiveOn(LocalDate.of(2019, 1, 1))).isEqualTo(V1);
    }

    @Test
    void a_date_maps_to_the_version_in_force_on_it() {
        ProtocolHistory history = ProtocolHistory.of(List.of(
                doseRange("2.0", LocalDate.of(2026, 6, 1), "1.0", "4.0"),
                doseRange("1.1", LocalDate.of(2025, 6, 1), "0.5", "4.5")));
        assertThat(history.effectiveOn(LocalDate.of(2025, 5, 31)).version()).isEqualTo("1.0");
        assertThat(history.effectiveOn(LocalDate.of(2025, 6, 1)).version()).isEqualTo("1.1");
        assertThat(history.effectiveOn(LocalDate.of(2026, 6, 1)).version()).isEqualTo("2.0");
        assertThat(history.all()).extracting(ProtocolSettings::version).containsExactly("1.0", "1.1", "2.0");
    }

    @Test
    void an_amendment_lacking_a_setting_takes_it_from_the_version_before() {
        ProtocolSettings narrower = doseRange("1.1", LocalDate.of(2025, 6, 1), "1.0", "4.0");
        ProtocolSettings withoutDoseBounds = new ProtocolSettings("1.2", LocalDate.of(2026, 1, 1),
                new BigDecimal("2"), null, null, null, null, null, null, null, null, null, null, null);
        ProtocolHistory history = ProtocolHistory.of(List.of(withoutDoseBounds, narrower));

        ProtocolSettings v12 = history.effectiveOn(LocalDate.of(2026, 2, 1));
        assertThat(v12.missingSettings()).isEmpty();
        assertThat(v12.minAgeYears()).isEqualByComparingTo("2");
        assertThat(v12.minDose10e6CellsPerKg()).isEqualByComparingTo("1.0");
        assertThat(v12.maxDose10e6CellsPerKg()).isEqualByComparingTo("4.0");
        assertThat(v12.maxAgeYears()).isEqualTo(V1.maxAgeYears());
    }

    @Test
    void a_version_received_twice_is_held_once() {
        ProtocolHistory history = ProtocolHistory.of(List.of(doseRange("1.1", LocalDate.of(2025, 6, 1), "1", "4"),
                doseRange("1.1", LocalDate.of(2025, 6, 1), "1", "4"), V1));
        assertThat(history.all()).hasSize(2);
    }

    @Test
    void a_version_from_before_the_monitoring_settings_existed_takes_them_from_the_version_before() {
        ProtocolSettings monitoring = new ProtocolSettings("1.1", LocalDate.of(2025, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, new BigDecimal("0.25"), null, null, null);
        ProtocolSettings sectionsOneAndTwoOnly = doseRange("1.2", LocalDate.of(2026, 1, 1), "1.0", "4.0");
        assertThat(sectionsOneAndTwoOnly.monitoringToxicityRateAbove()).isNull();

        ProtocolSettings v12 = ProtocolHistory.of(List.of(monitoring, sectionsOneAndTwoOnly))
                .effectiveOn(LocalDate.of(2026, 1, 1));
        assertThat(v12.monitoringToxicityRateAbove()).isEqualByComparingTo("0.25");
        assertThat(v12.monitoringProbabilityAbove()).isEqualByComparingTo("0.90");
        assertThat(v12.hasInvalidSafetyRules()).isFalse();
    }

    @Test
    void a_version_from_before_the_response_criteria_existed_takes_them_from_the_version_before() {
        ProtocolSettings narrowerCr = new ProtocolSettings("1.1", LocalDate.of(2025, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new BigDecimal("4"), null, null, null, null, null, null);
        ProtocolSettings sectionsOneToThreeOnly = new ProtocolSettings("1.2", LocalDate.of(2026, 1, 1),
                null, null, null, null, null, null, null, null, null, null, new BigDecimal("1.0"),
                new BigDecimal("4.0"), null, null, null, null, null, 48);
        assertThat(sectionsOneToThreeOnly.crMarrowBlastsBelowPercent()).isNull();

        ProtocolHistory history = ProtocolHistory.of(List.of(sectionsOneToThreeOnly, narrowerCr));
        ProtocolSettings v12 = history.effectiveOn(LocalDate.of(2026, 1, 1));
        assertThat(v12.missingSettings()).isEmpty();
        assertThat(v12.crMarrowBlastsBelowPercent()).isEqualByComparingTo("4");
        assertThat(v12.mrdNegativeBelowPercent()).isEqualByComparingTo("0.01");
        assertThat(v12.partialResponseMinReduction()).isEqualByComparingTo("0.5");
        assertThat(v12.saeReportHours()).isEqualTo(48);
        assertThat(history.effectiveOn(LocalDate.of(2024, 12, 31)).crMarrowBlastsBelowPercent())
                .isEqualByComparingTo("5");
        assertThat(v12.invalidResponseCriteria()).isEmpty();
    }

    @Test
    void response_criteria_that_cannot_be_applied_are_named() {
        assertThat(V1.invalidResponseCriteria()).isEmpty();
        ProtocolSettings invalid = new ProtocolSettings("1.1", LocalDate.of(2025, 1, 1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new BigDecimal("0"), new BigDecimal("1.0"), new BigDecimal("-1"), new BigDecimal("100"),
                new BigDecimal("1.5"), new BigDecimal("25"), new BigDecimal("5"));
        assertThat(invalid.invalidResponseCriteria()).containsExactly("crMarrowBlastsBelowPercent",
                "minPlateletsPer10e9L", "mrdNegativeBelowPercent", "partialResponseMinReduction");
    }
}
