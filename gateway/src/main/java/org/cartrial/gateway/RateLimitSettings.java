package org.cartrial.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's per-caller request budget: a token bucket that refills {@code perSecond} tokens a second up to
 * {@code burst}, one token per request, one bucket per key ({@link CallerKeyResolver}) shared by every route. The
 * store holds the buckets: {@code memory} (this process only: the embedded default and tests) or {@code redis}
 * (Spring Cloud Gateway's {@code RedisRateLimiter}: every gateway instance draws on the same budget). Environment:
 * {@code TRIAL_RATE_LIMIT_STORE}, {@code TRIAL_RATE_LIMIT_PER_SECOND}, {@code TRIAL_RATE_LIMIT_BURST},
 * {@code TRIAL_REDIS_URL}.
 */
@ConfigurationProperties("trial.gateway.rate-limit")
public record RateLimitSettings(Store store, int perSecond, int burst) {

    /** Where the buckets are kept. */
    public enum Store { MEMORY, REDIS }

    public RateLimitSettings {
        if (store == null) {
            throw new IllegalStateException("trial.gateway.rate-limit.store is not set (memory or redis)");
        }
        if (perSecond < 1) {
            throw new IllegalStateException("trial.gateway.rate-limit.per-second must be at least 1, not " + perSecond);
        }
        // RedisRateLimiter refuses a burst below the rate; the memory store keeps the same rule
        if (burst < perSecond) {
            throw new IllegalStateException("trial.gateway.rate-limit.burst (" + burst
                    + ") must be at least trial.gateway.rate-limit.per-second (" + perSecond + ")");
        }
    }

    /**
     * The {@code Retry-After} of a refused request. A bucket that refills at least one token a second has the next
     * token within a second, whatever the store, so this is always 1.
     */
    long retryAfterSeconds() {
        return (long) Math.ceil(1.0 / perSecond);
    }
}
