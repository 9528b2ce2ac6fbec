package org.cartrial.outcomes.analysis.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks the expected JSON of the statistical reference alongside a rendered answer: counts must match exactly,
 * estimates and limits to 1e-9, and null wherever R has NA; prose fields are skipped.
 */
public final class ReferenceComparison {

    private static final double TOLERANCE = 1e-9;

    /** Prose that describes a figure rather than being one. */
    private static final Set<String> DESCRIPTIONS = Set.of("definition", "call", "ci_method", "note");

    private final List<String> differences = new ArrayList<>();
    private int figures;
    private double largestDifference;

    public void compare(JsonNode want, JsonNode got, String path) {
        if (want.isObject()) {
            if (got == null || !got.isObject()) {
                differences.add(path + ": expected an object, got " + got);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!DESCRIPTIONS.contains(field.getKey())) {
                    compare(field.getValue(), got.get(field.getKey()), path + "." + field.getKey());
                }
            }
        } else if (want.isArray()) {
            if (got == null || !got.isArray() || got.size() != want.size()) {
                differences.add(path + ": expected " + want.size() + " values, got "
                        + (got == null ? "nothing" : got.isArray() ? got.size() + " values" : got));
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(want.get(i), got.get(i), path + "[" + i + "]");
            }
        } else if (got != null && got.isArray() && got.size() == 1) {
            // jsonlite writes a vector of length one as a scalar (auto_unbox).
            compare(want, got.get(0), path);
        } else if (want.isNull()) {
            figures++;
            if (got == null || !got.isNull()) {
                differences.add(path + ": expected null (R's NA), got " + got);
            }
        } else if (want.isNumber()) {
            figures++;
            if (got == null || !got.isNumber()) {
                differences.add(path + ": expected " + want + ", got " + got);
            } else if (want.isIntegralNumber() && got.isIntegralNumber()) {
                if (want.longValue() != got.longValue()) {
                    differences.add(path + ": expected count " + want + ", got " + got);
                }
            } else {
                double difference = Math.abs(want.doubleValue() - got.doubleValue());
                largestDifference = Math.max(largestDifference, difference);
                if (!(difference <= TOLERANCE)) {
                    differences.add(path + ": expected " + want + ", got " + got + " (difference " + difference + ")");
                }
            }
        } else {
            figures++;
            if (got == null || !want.asText().equals(got.asText())) {
                differences.add(path + ": expected " + want + ", got " + got);
            }
        }
    }

    public List<String> differences() {
        return differences;
    }

    public int figures() {
        return figures;
    }

    public double largestDifference() {
        return largestDifference;
    }
}
