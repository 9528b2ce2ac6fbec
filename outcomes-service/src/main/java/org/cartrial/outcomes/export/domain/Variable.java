package org.cartrial.outcomes.export.domain;

import java.util.Objects;

/**
 * One column of a standard dataset as Dataset-JSON v1.1 describes it: name, label, physical data type
 * ({@code string, integer, double, date ...}), the type a SAS transport would hold if it differs
 * ({@code targetDataType}: a date kept as an integer day count in ADaM), the length of a character variable and its
 * place among the dataset's keys.
 */
public record Variable(String name, String label, String dataType, String targetDataType, Integer length,
        Integer keySequence) {

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dataType, "dataType");
    }

    public static Variable text(String name, String label, int length) {
        return new Variable(name, label, "string", null, length, null);
    }

    public static Variable key(String name, String label, int length, int keySequence) {
        return new Variable(name, label, "string", null, length, keySequence);
    }

    public static Variable integer(String name, String label) {
        return new Variable(name, label, "integer", null, null, null);
    }

    public static Variable decimal(String name, String label) {
        return new Variable(name, label, "double", null, null, null);
    }

    /** An ADaM numeric date: an ISO 8601 date in JSON and CSV, an integer day count where SAS reads it. */
    public static Variable numericDate(String name, String label) {
        return new Variable(name, label, "date", "integer", null, null);
    }
}
