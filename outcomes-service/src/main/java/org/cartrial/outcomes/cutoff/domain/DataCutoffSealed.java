package org.cartrial.outcomes.cutoff.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A data cut-off was sealed (internal to the outcomes service): its figures are the analyses of the facts up to
 * {@code recordedUpTo} and {@code position}, whose bytes hash to {@code contentHash}. Who sealed it travels in the
 * event's metadata like every actor.
 */
public record DataCutoffSealed(String sealId, LocalDate cutoff, Instant recordedUpTo, SortedMap<String, Long> position,
        int facts, String contentHash, String reason, Instant sealedAt) {

    public DataCutoffSealed {
        position = position == null ? new TreeMap<>() : new TreeMap<>(position);
    }
}
