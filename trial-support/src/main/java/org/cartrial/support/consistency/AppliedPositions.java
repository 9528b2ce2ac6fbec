package org.cartrial.support.consistency;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.api.consistency.ConsistencyToken.Partition;

/**
 * How far this service's read models have applied each topic partition: the read side of read-your-writes. Every
 * consumer group of the service (one per read model or binding) reports the records it finished, and the
 * partitions the broker assigned to it here; a request that carries a consistency token waits until, in every
 * group that subscribes to a topic of the token, the token's offset is applied.
 * <p>
 * A partition another instance of the service consumes is not seen here: for it the group's committed offset,
 * read from the broker ({@link CommittedOffsets}), tells.
 */
public class AppliedPositions {

    /** Reads a consumer group's committed offsets from the broker (the next offset to read, per partition). */
    public interface CommittedOffsets {
        Map<Partition, Long> of(String group);
    }

    private static final long BROKER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();
    /** group -> partition -> the next offset to apply (all before it are applied), for partitions assigned here. */
    private final Map<String, Map<Partition, Long>> next = new ConcurrentHashMap<>();
    private final CommittedOffsets committed;
    private final Object progress = new Object();
    private final AtomicInteger waiters = new AtomicInteger();
    /** Counts changes while someone waits, so a waiter never sleeps through a change made while it looked. */
    private long changes;

    public AppliedPositions(CommittedOffsets committed) {
        this.committed = committed;
    }

    /** A consumer group of this service and the topics it reads. */
    public void subscribed(String group, Collection<String> topics) {
        subscriptions.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).addAll(topics);
    }

    /** The broker gave the group this partition here, to be read from {@code position} on. */
    public void assigned(String group, String topic, int partition, long position) {
        partitions(group).put(new Partition(topic, partition), position);
        wake();
    }

    /** The broker took the partition away (another instance reads it now). */
    public void revoked(String group, String topic, int partition) {
        partitions(group).remove(new Partition(topic, partition));
    }

    /** The group finished the record at {@code offset} (applied, found a duplicate, or dead-lettered it). */
    public void applied(String group, String topic, int partition, long offset) {
        partitions(group).merge(new Partition(topic, partition), offset + 1, Math::max);
        if (waiters.get() > 0) {
            wake();
        }
    }

    /**
     * Waits until every group here that reads a topic of {@code token} has applied the token's offsets.
     *
     * @return true if they have; false if {@code timeout} passed first
     */
    public boolean await(ConsistencyToken token, Duration timeout) throws InterruptedException {
        if (token.isEmpty()) {
            return true;
        }
        waiters.incrementAndGet();
        try {
            return awaitApplied(token, System.nanoTime() + timeout.toNanos());
        } finally {
            waiters.decrementAndGet();
        }
    }

    private boolean awaitApplied(ConsistencyToken token, long deadline) throws InterruptedException {
        // per group, the part of the token it has to have applied (worked out once, not at every wake-up)
        Map<String, Map<Partition, Long>> wanted = new java.util.HashMap<>();
        subscriptions.forEach((group, topics) -> {
            Map<Partition, Long> part = token.only(topics).offsets();
            if (!part.isEmpty()) {
                wanted.put(group, part);
            }
        });
        long nextBrokerLook = 0;
        Map<String, Map<Partition, Long>> fromBroker = Map.of();
        while (true) {
            long seen;
            synchronized (progress) {
                seen = changes;
            }
            boolean all = true;
            boolean needBroker = false;
            for (var group : wanted.entrySet()) {
                Map<Partition, Long> local = partitions(group.getKey());
                for (var offset : group.getValue().entrySet()) {
                    Long position = local.get(offset.getKey());
                    if (position == null) {
                        needBroker = true;
                        Long atBroker = fromBroker.getOrDefault(group.getKey(), Map.of()).get(offset.getKey());
                        all &= atBroker != null && atBroker > offset.getValue();
                    } else {
                        all &= position > offset.getValue();
                    }
                }
            }
            if (all) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            if (needBroker && now >= nextBrokerLook) {
                fromBroker = new ConcurrentHashMap<>();
                for (String group : wanted.keySet()) {
                    fromBroker.put(group, committed.of(group));
                }
                nextBrokerLook = System.nanoTime() + BROKER_POLL_NANOS;
                continue;
            }
            long wait = Math.min(deadline - now, needBroker ? BROKER_POLL_NANOS : deadline - now);
            synchronized (progress) {
                if (changes == seen) {
                    TimeUnit.NANOSECONDS.timedWait(progress, Math.max(1, wait));
                }
            }
        }
    }

    private Map<Partition, Long> partitions(String group) {
        return next.computeIfAbsent(group, (Function<String, Map<Partition, Long>>) g -> new ConcurrentHashMap<>());
    }

    private void wake() {
        synchronized (progress) {
            changes++;
            progress.notifyAll();
        }
    }
}
