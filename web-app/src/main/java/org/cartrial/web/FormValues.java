package org.cartrial.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Form fields as the APIs want them: blank is missing, a number is a JSON number, anything else is sent as typed. */
public final class FormValues {

    private FormValues() {
    }

    public static String text(Map<String, String> v, String name) {
        String value = v.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A number as a JSON number; anything else is sent as written, so the service names the field and the rule. */
    public static Object number(Map<String, String> v, String name) {
        String value = text(v, name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
