package org.cartrial.infusion.course.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Body-surface area by Mosteller: sqrt(height_cm x weight_kg / 3600) m2, computed as sqrt(height x weight) / 60
 * with 34 significant digits (no binary floating point) and then rounded half-up to two decimals (0.625 m2 is
 * 0.63 m2), the precision lymphodepletion doses are prescribed to.
 */
public final class BodySurfaceArea {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    private static final BigDecimal SQRT_3600 = BigDecimal.valueOf(60);

    private BodySurfaceArea() {
    }

    public static BigDecimal mosteller(BigDecimal heightCm, BigDecimal weightKg) {
        if (heightCm.signum() <= 0 || weightKg.signum() <= 0) {
            throw new IllegalArgumentException("height and weight must be positive");
        }
        return heightCm.multiply(weightKg).sqrt(MathContext.DECIMAL128)
                .divide(SQRT_3600, MathContext.DECIMAL128)
                .setScale(SCALE, ROUNDING);
    }
}
