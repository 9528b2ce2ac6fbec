package org.cartrial.safety.adverseevent.domain;

import java.util.Arrays;
import java.util.Optional;

/** How likely the CAR-T product caused an adverse event (protocol section 3), with the code events carry. */
public enum RelationshipToCarT {
    UNRELATED("unrelated"),
    UNLIKELY("unlikely"),
    POSSIBLE("possible"),
    PROBABLE("probable"),
    DEFINITE("definite");

    private final String code;

    RelationshipToCarT(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Possible, probable or definite: counts as related for SUSAR and the monitoring rule. */
    public boolean related() {
        return this == POSSIBLE || this == PROBABLE || this == DEFINITE;
    }

    public static Optional<RelationshipToCarT> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
