package org.cartrial.api;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a correction sets back to "not recorded" (for a true/false finding: not tested). In a correction an
 * absent value means "kept as recorded", so clearing is said explicitly, by naming the field here; a field both
 * given a value and named here is refused as ambiguous, and so is a mandatory field (a fact cannot lose it) or a
 * name the fact does not have.
 */
public record ClearedFields(Set<String> names) {

    public static final ClearedFields NONE = new ClearedFields(Set.of());

    public ClearedFields {
        names = names == null ? Set.of() : Set.copyOf(new TreeSet<>(names));
    }

    public static ClearedFields of(Collection<String> names) {
        return names == null || names.isEmpty() ? NONE : new ClearedFields(Set.copyOf(names));
    }

    /**
     * Refuses (422) a field that is not among the fact's {@code optional} fields: {@code field-mandatory} for one of
     * its {@code mandatory} fields, {@code field-unknown} for any other name.
     */
    public ClearedFields requireOptional(Set<String> optional, Set<String> mandatory) {
        for (String name : new TreeSet<>(names)) {
            if (mandatory.contains(name)) {
                throw CommandRefused.ruleBroken("field-mandatory", name, name
                        + " is mandatory and cannot be cleared; correct it to another value instead");
            }
            if (!optional.contains(name)) {
                throw CommandRefused.ruleBroken("field-unknown", name, name + " is not a field this correction can"
                        + " clear; it clears " + String.join(", ", new TreeSet<>(optional)));
            }
        }
        return this;
    }

    public boolean clears(String field) {
        return names.contains(field);
    }

    /**
     * The value of {@code field} after the correction: null when cleared, {@code given} when given, else the value
     * {@code recorded}. A field both cleared and given is refused (422 {@code cleared-and-given}).
     */
    public <T> T corrected(String field, T given, T recorded) {
        if (clears(field)) {
            if (given != null) {
                throw CommandRefused.ruleBroken("cleared-and-given", field,
                        field + " is both given a value and named to clear; send one of the two");
            }
            return null;
        }
        return given != null ? given : recorded;
    }
}
