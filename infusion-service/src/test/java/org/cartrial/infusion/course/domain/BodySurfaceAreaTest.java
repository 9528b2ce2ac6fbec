package org.cartrial.infusion.course.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Mosteller: sqrt(height_cm x weight_kg / 3600), rounded half-up to 0.01 m2. */
class BodySurfaceAreaTest {

    @ParameterizedTest(name = "{0} cm, {1} kg -> {2} m2")
    @CsvSource({
            // exact squares
            "180, 80, 2.00",
            "150, 24, 1.00",
            // exactly half-way at the third decimal: half-up (0.625 -> 0.63, 0.875 -> 0.88; half-even would give 0.62)
            "112.5, 12.5, 0.63",
            "122.5, 22.5, 0.88",
            // the README's 8-year-old: sqrt(3432) / 60 = 0.97639...
            "130, 26.4, 0.98",
            // 0.66666... and 1.68325..., 0.62361..., 0.91856...
            "100, 16, 0.67",
            "170, 60, 1.68",
            "112, 12.5, 0.62",
            "125.0, 24.30, 0.92"})
    void known_values(String heightCm, String weightKg, String expected) {
        BigDecimal bsa = BodySurfaceArea.mosteller(new BigDecimal(heightCm), new BigDecimal(weightKg));

        assertThat(bsa).isEqualTo(new BigDecimal(expected)); // scale 2 as well as value
    }

    @Test
    void height_and_weight_must_be_positive() {
        assertThatThrownBy(() -> BodySurfaceArea.mosteller(BigDecimal.ZERO, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BodySurfaceArea.mosteller(BigDecimal.TEN, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
