package org.cartrial.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The services' rule names in plain words, for the people reading the form. */
public final class Words {

    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("NotNull", "This is required."),
            Map.entry("NotBlank", "This is required."),
            Map.entry("NotEmpty", "This is required."),
            Map.entry("Positive", "Enter a number above zero."),
            Map.entry("PositiveOrZero", "Enter zero or more."),
            Map.entry("DecimalMin", "This number is too small."),
            Map.entry("DecimalMax", "This number is too large."),
            Map.entry("Min", "This number is too small."),
            Map.entry("Max", "This number is too large."),
            Map.entry("PastOrPresent", "This date cannot be in the future."),
            Map.entry("Past", "This date must be in the past."),
            Map.entry("Pattern", "This is not in the expected format."),
            Map.entry("Size", "This is too long or too short."),
            Map.entry("type", "This is not a valid value here."));

    /** Which form field an eligibility criterion is about. */
    public static final Map<String, String> CRITERION_FIELD = Map.ofEntries(
            Map.entry("age-in-range", "ageYears"),
            Map.entry("performance-scale", "scale"),
            Map.entry("performance-status", "score"),
            Map.entry("b-all-diagnosis", "whoBAllByMorphology"),
            Map.entry("diagnostic-workup", "flowImmunophenotypeDone"),
            Map.entry("disease-status", "diseaseStatus"),
            Map.entry("mrd-duration", "diseaseStatus"),
            Map.entry("cd19-expression", "cd19ExpressionPercent"),
            Map.entry("cd22-expression", "cd22ExpressionPercent"),
            Map.entry("guardian-consent", "guardianConsentOn"),
            Map.entry("child-assent", "guardianConsentOn"));

    private Words() {
    }

    static String problem(JsonNode error) {
        String rule = error.path("rule").asText("");
        String message = error.path("message").asText("");
        String plain = RULES.get(rule);
        if (plain != null && !message.isBlank()) {
            return plain + " (" + message + ")";
        }
        if (plain != null) {
            return plain;
        }
        return message.isBlank() ? "Not accepted (" + rule + ")." : message;
    }
}
