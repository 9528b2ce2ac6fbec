package org.cartrial.support.web;

/** One input at fault in a refused request: the JSON path of the field, the rule it broke and why. */
public record FieldViolation(String field, String rule, String message) {
}
