package org.cartrial.outcomes.cutoff.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;

/** A sealed data cut-off: what its figures rest on, their hash, why, when and by whom it was sealed. */
public record SealedCutoff(LocalDate cutoff, Instant recordedUpTo, SortedMap<String, Long> position, int facts,
        String contentHash, String reason, Instant sealedAt, String sealedBy) {
}
