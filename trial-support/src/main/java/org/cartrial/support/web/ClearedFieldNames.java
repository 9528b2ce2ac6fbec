package org.cartrial.support.web;

/**
 * How every correction request says "set this optional field back to not recorded": a {@code clear} list of field
 * names. An absent or null value in a correction keeps what was recorded, so clearing must be said apart from it;
 * the domain's {@link org.cartrial.api.ClearedFields} refuses a mandatory field, an unknown name, or a field both
 * given and cleared.
 */
public final class ClearedFieldNames {

    /** What the OpenAPI documents say of a request's {@code clear} list. */
    public static final String DESCRIPTION = "Optional fields to set back to not recorded (for a true/false finding:"
            + " not tested). A field left out, or sent as null, keeps its recorded value; naming a mandatory field"
            + " (422 field-mandatory), a field this correction does not have (422 field-unknown) or a field also"
            + " given a value (422 cleared-and-given) is refused.";

    /** A field name as the published events spell it. */
    public static final String PATTERN = "[a-z][A-Za-z0-9]{0,39}";

    private ClearedFieldNames() {
    }
}
