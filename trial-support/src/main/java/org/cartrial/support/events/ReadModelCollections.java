package org.cartrial.support.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where each read-model collection is written. Normally a collection is written where it is read; while a read model
 * is rebuilt, its projection writes into a shadow collection and queries keep reading the live one, which is swapped
 * for the rebuilt one only when the replay has caught up. A reader that keeps documents in memory
 * ({@link ReadModelMirror}) reads them again after a swap.
 */
public class ReadModelCollections {

    private final Map<String, String> rebuildTargets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> swaps = new ConcurrentHashMap<>();

    /** The collection a rebuild of {@code collection} fills before it is swapped in. */
    public static String shadowOf(String collection) {
        return collection + "_rebuild";
    }

    /** Where an event applied to {@code collection} is written now. */
    public String writeTarget(String collection) {
        return rebuildTargets.getOrDefault(collection, collection);
    }

    /** From now on, events for {@code collection} are written to its shadow. */
    public void redirectToShadow(String collection) {
        rebuildTargets.put(collection, shadowOf(collection));
    }

    /** Events for {@code collection} are written to it again; {@code swapped}: it now holds the rebuilt documents. */
    public void restore(String collection, boolean swapped) {
        rebuildTargets.remove(collection);
        if (swapped) {
            swaps.computeIfAbsent(collection, c -> new AtomicLong()).incrementAndGet();
        }
    }

    /** How many times {@code collection} was replaced by a rebuilt one since this process started. */
    public long swaps(String collection) {
        AtomicLong count = swaps.get(collection);
        return count == null ? 0 : count.get();
    }
}
