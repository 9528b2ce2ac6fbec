package org.cartrial.outcomes.analysis.domain;

import org.cartrial.api.outcomes.ResponseCategory;
import java.time.LocalDate;
import java.util.Objects;

/** One dated response assessment; the MRD result is absent when it was not done. */
public record ResponseAssessment(LocalDate assessedOn, ResponseCategory response, MrdStatus mrd) {

    public ResponseAssessment {
        Objects.requireNonNull(assessedOn, "assessedOn");
        Objects.requireNonNull(response, "response");
    }
}
