package org.cartrial.infusion.readiness.domain;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.outcomes.ResponseCategory;

/**
 * A response assessment as the outcomes context published it: the category the platform derived and the MRD
 * status ({@code mrdNegative} null when MRD was not measured or the assay could not reach the threshold).
 */
public record ResponseAssessment(String assessmentId, LocalDate assessedOn, Instant recordedAt,
        ResponseCategory derivedResponse, Boolean mrdNegative) {

    /** CR or CRi. */
    public boolean remission() {
        return derivedResponse == ResponseCategory.CR || derivedResponse == ResponseCategory.CRI;
    }

    /** CR or CRi with MRD below the threshold: what the CD22 gate asks for. */
    public boolean mrdNegativeRemission() {
        return remission() && Boolean.TRUE.equals(mrdNegative);
    }
}
