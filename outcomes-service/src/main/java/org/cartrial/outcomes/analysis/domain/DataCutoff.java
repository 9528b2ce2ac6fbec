package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The data cut-off of an analysis: anything dated after it is ignored and follow-up is capped at it, so that every
 * figure can be reproduced as of that date (protocol section 5).
 */
public record DataCutoff(LocalDate date) {

    public DataCutoff {
        Objects.requireNonNull(date, "date");
    }

    public static DataCutoff of(LocalDate date) {
        return new DataCutoff(date);
    }

    /** A recorded date counts only if it is present and not after the cut-off. */
    public boolean admits(LocalDate recorded) {
        return recorded != null && !recorded.isAfter(date);
    }

    /** The date itself if the cut-off admits it, otherwise nothing: later records are ignored, not capped. */
    public LocalDate admitted(LocalDate recorded) {
        return admits(recorded) ? recorded : null;
    }

    /** Follow-up beyond the cut-off is capped at the cut-off. */
    public LocalDate cap(LocalDate recorded) {
        return recorded.isAfter(date) ? date : recorded;
    }
}
