package org.cartrial.api;

import java.util.Objects;

/**
 * One corrected field of a clinical fact: its name as the published event spells it, the value recorded before and
 * the value that replaces it (as text, {@code null} for "not recorded").
 */
public record CorrectedValue(String field, String oldValue, String newValue) {

    /** The correction of a field when its value changes, or null when it does not. */
    public static CorrectedValue ofChange(String field, Object oldValue, Object newValue) {
        String before = text(oldValue);
        String after = text(newValue);
        return Objects.equals(before, after) ? null : new CorrectedValue(field, before, after);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
