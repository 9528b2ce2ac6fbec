package org.cartrial.support.consistency;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cartrial.api.consistency.ConsistencyToken;

/**
 * Where on Kafka this process's forwarder put the events it sent: the write side of read-your-writes. A write
 * waits here, bounded, for the positions of the events it stored, and answers them as its consistency token.
 * <p>
 * The forwarder reports every acknowledged send; a waiter registers before it looks, and a short memory of the
 * latest positions covers a send acknowledged before its waiter registered.
 */
public class ForwardedEvents {

    private static final int RECENT = 8_192;

    private final Map<String, CompletableFuture<ConsistencyToken>> awaited = new ConcurrentHashMap<>();
    private final Map<String, ConsistencyToken> recent = new LinkedHashMap<>(RECENT * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConsistencyToken> eldest) {
            return size() > RECENT;
        }
    };

    /** The forwarder's report: Kafka acknowledged event {@code eventId} at this position. */
    public void forwarded(String eventId, String topic, int partition, long offset) {
        ConsistencyToken position = ConsistencyToken.of(topic, partition, offset);
        synchronized (recent) {
            recent.put(eventId, position);
        }
        CompletableFuture<ConsistencyToken> waiter = awaited.get(eventId);
        if (waiter != null) {
            waiter.complete(position);
        }
    }

    /**
     * Waits until every event is on Kafka, at most {@code timeout} in all.
     *
     * @return the positions of the events, merged; with {@link Result#complete()} false if some were not forwarded
     *         in time (the events are stored and will be forwarded; only the answer's token lacks them)
     */
    public Result await(Collection<String> eventIds, Duration timeout) throws InterruptedException {
        Map<String, CompletableFuture<ConsistencyToken>> mine = new LinkedHashMap<>();
        for (String id : eventIds) {
            CompletableFuture<ConsistencyToken> future = new CompletableFuture<>();
            awaited.put(id, future);
            mine.put(id, future);
            ConsistencyToken known;
            synchronized (recent) {
                known = recent.get(id);
            }
            if (known != null) {
                future.complete(known);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsistencyToken token = ConsistencyToken.EMPTY;
        boolean complete = true;
        try {
            for (CompletableFuture<ConsistencyToken> future : mine.values()) {
                try {
                    token = token.merge(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    complete = false;
                } catch (ExecutionException e) {
                    complete = false;
                }
            }
        } finally {
            mine.keySet().forEach(awaited::remove);
        }
        return new Result(token, complete);
    }

    /** The positions found, and whether they are all the write's events. */
    public record Result(ConsistencyToken token, boolean complete) {
    }
}
