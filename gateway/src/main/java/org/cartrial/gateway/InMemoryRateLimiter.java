package org.cartrial.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

import reactor.core.publisher.Mono;

/**
 * A token bucket per key in this process's memory: the embedded default's store. It answers like Spring Cloud
 * Gateway's {@code RedisRateLimiter} (the same algorithm and the same {@code X-RateLimit-*} headers) but keeps
 * nanosecond time instead of Redis's whole seconds, and each gateway instance has its own buckets: run several
 * instances with the redis store instead.
 *
 * <p>The limits are the gateway's {@link RateLimitSettings}, not route arguments: the {@link Object} configuration
 * type and the empty {@link #getConfig()} only satisfy the {@link RateLimiter} interface. A bucket that has been
 * idle long enough to be full again is the same as no bucket, so such buckets are dropped now and then and the map
 * holds only the callers of the last {@code burst / perSecond} seconds.
 */
final class InMemoryRateLimiter implements RateLimiter<Object> {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";
    static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";
    static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

    /** Every this many calls, buckets that are full again are dropped. */
    static final int SWEEP_EVERY = 1024;

    /** A token in the buckets' fixed-point unit: exact arithmetic, no rounding drift. */
    private static final long TOKEN = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final int burst;
    private final long capacity;
    /** Time in which an empty bucket fills up: a bucket idle this long is full. */
    private final long fillNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    InMemoryRateLimiter(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    InMemoryRateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < perSecond) {
            throw new IllegalArgumentException("need 1 <= perSecond <= burst, not " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.capacity = burst * TOKEN;
        // a token is TOKEN units and perSecond * TOKEN units come in a second: one unit per nanosecond per rate
        this.fillNanos = (capacity + perSecond - 1) / perSecond;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return Mono.fromSupplier(() -> take(routeId + "." + id));
    }

    Response take(String key) {
        long now = nanoTime.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        long remaining = buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
        boolean allowed = remaining >= 0;
        return new Response(allowed, Map.of(
                REMAINING_HEADER, Long.toString(Math.max(remaining, 0)),
                REPLENISH_RATE_HEADER, Integer.toString(perSecond),
                BURST_CAPACITY_HEADER, Integer.toString(burst),
                REQUESTED_TOKENS_HEADER, "1"));
    }

    /** Drops the buckets that are full again: the next request of their key starts a fresh, full one. */
    void sweep(long now) {
        buckets.values().removeIf(bucket -> bucket.idleNanos(now) >= fillNanos);
    }

    int bucketCount() {
        return buckets.size();
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }

    private final class Bucket {

        /** In units of 1/TOKEN of a token. */
        private long units = capacity;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        /** Takes one token: the whole tokens left after it, or -1 if there was none to take. */
        synchronized long take(long now) {
            // a clock that goes back gives nothing; more than the fill time gives a full bucket (and no overflow)
            long elapsed = Math.min(Math.max(0, now - updated), fillNanos);
            units = Math.min(capacity, units + elapsed * perSecond);
            updated = Math.max(updated, now);
            if (units < TOKEN) {
                return -1;
            }
            units -= TOKEN;
            return units / TOKEN;
        }

        synchronized long idleNanos(long now) {
            return now - updated;
        }
    }
}
