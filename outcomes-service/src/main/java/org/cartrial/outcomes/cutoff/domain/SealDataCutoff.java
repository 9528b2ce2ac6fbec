package org.cartrial.outcomes.cutoff.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Seal the figures of a data cut-off as they stand: the position of the facts they rest on (the moment of the
 * latest recorded fact and the highest offset read of each partition), how many facts, and the SHA-256 of the
 * analyses' bytes.
 */
public record SealDataCutoff(@TargetAggregateIdentifier String sealId, LocalDate cutoff, Instant recordedUpTo,
        SortedMap<String, Long> position, int facts, String contentHash, String reason) {

    public SealDataCutoff {
        position = position == null ? new TreeMap<>() : new TreeMap<>(position);
    }

    public static SealDataCutoff of(LocalDate cutoff, Instant recordedUpTo, Map<String, Long> position, int facts,
            String contentHash, String reason) {
        return new SealDataCutoff(DataCutoffSeal.idOf(cutoff), cutoff, recordedUpTo, new TreeMap<>(position), facts,
                contentHash, reason);
    }
}
