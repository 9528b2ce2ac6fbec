package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.Objects;

/** A relapse after remission, with the antigen pattern of the relapsed blasts (either may be unknown). */
public record Relapse(LocalDate detectedOn, AntigenStatus cd19, AntigenStatus cd22) {

    public Relapse {
        Objects.requireNonNull(detectedOn, "detectedOn");
    }
}
