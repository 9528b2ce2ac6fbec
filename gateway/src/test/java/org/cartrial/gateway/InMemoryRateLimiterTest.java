package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

/** The memory store's token bucket, on a clock the test moves. */
class InMemoryRateLimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    InMemoryRateLimiter limiter(int perSecond, int burst) {
        return new InMemoryRateLimiter(perSecond, burst, now::get);
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    static Response ask(InMemoryRateLimiter limiter, String key) {
        return limiter.isAllowed("api", key).block();
    }

    @Test
    void aNewKeyHasItsWholeBurstThenIsRefused() {
        InMemoryRateLimiter limiter = limiter(2, 5);
        for (int i = 4; i >= 0; i--) {
            Response response = ask(limiter, "site:S01");
            assertThat(response.isAllowed()).isTrue();
            assertThat(response.getHeaders()).containsEntry("X-RateLimit-Remaining", Integer.toString(i));
        }
        Response refused = ask(limiter, "site:S01");
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders())
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Replenish-Rate", "2")
                .containsEntry("X-RateLimit-Burst-Capacity", "5")
                .containsEntry("X-RateLimit-Requested-Tokens", "1");
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        InMemoryRateLimiter limiter = limiter(1, 2);
        assertThat(ask(limiter, "site:S01").isAllowed()).isTrue();
        assertThat(ask(limiter, "site:S01").isAllowed()).isTrue();
        assertThat(ask(limiter, "site:S01").isAllowed()).isFalse();
        assertThat(ask(limiter, "site:S02").isAllowed()).isTrue();
        assertThat(ask(limiter, "user:S01").isAllowed()).isTrue();
        assertThat(limiter.isAllowed("other-route", "site:S01").block().isAllowed()).isTrue();
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        InMemoryRateLimiter limiter = limiter(10, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(ask(limiter, "k").isAllowed()).isTrue();
        }
        assertThat(ask(limiter, "k").isAllowed()).isFalse();

        advance(Duration.ofMillis(99)); // 0.99 of a token
        assertThat(ask(limiter, "k").isAllowed()).isFalse();
        advance(Duration.ofMillis(1)); // the first whole token
        assertThat(ask(limiter, "k").isAllowed()).isTrue();
        assertThat(ask(limiter, "k").isAllowed()).isFalse();

        advance(Duration.ofMillis(500)); // five tokens
        for (int i = 0; i < 5; i++) {
            assertThat(ask(limiter, "k").isAllowed()).isTrue();
        }
        assertThat(ask(limiter, "k").isAllowed()).isFalse();

        advance(Duration.ofHours(1)); // full again, but no more than the burst
        int allowed = 0;
        while (ask(limiter, "k").isAllowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(20);
    }

    @Test
    void aSteadyRateAtTheLimitIsNeverRefused() {
        InMemoryRateLimiter limiter = limiter(50, 50);
        for (int i = 0; i < 1_000; i++) {
            assertThat(ask(limiter, "site:S01").isAllowed()).as("request %d", i).isTrue();
            advance(Duration.ofMillis(20));
        }
    }

    @Test
    void aClockThatGoesBackGivesNoTokens() {
        InMemoryRateLimiter limiter = limiter(1, 1);
        assertThat(ask(limiter, "k").isAllowed()).isTrue();
        advance(Duration.ofSeconds(-30));
        assertThat(ask(limiter, "k").isAllowed()).isFalse();
        advance(Duration.ofSeconds(30)); // back where it was: still within the same second
        assertThat(ask(limiter, "k").isAllowed()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(ask(limiter, "k").isAllowed()).isTrue();
    }

    @Test
    void bucketsThatAreFullAgainAreDropped() {
        InMemoryRateLimiter limiter = limiter(10, 20); // an empty bucket is full after 2 s
        ask(limiter, "idle");
        advance(Duration.ofMillis(1_500));
        ask(limiter, "recent");
        limiter.sweep(now.get());
        assertThat(limiter.bucketCount()).isEqualTo(2);

        advance(Duration.ofMillis(500));
        limiter.sweep(now.get());
        assertThat(limiter.bucketCount()).isEqualTo(1);

        // sweeping happens by itself every so many calls
        for (int i = 0; i < InMemoryRateLimiter.SWEEP_EVERY; i++) {
            ask(limiter, "key-" + i);
        }
        advance(Duration.ofSeconds(3));
        for (int i = 0; i < InMemoryRateLimiter.SWEEP_EVERY; i++) {
            ask(limiter, "again");
        }
        assertThat(limiter.bucketCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void concurrentCallersGetExactlyTheBurst() throws Exception {
        InMemoryRateLimiter limiter = limiter(1, 500);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                callers.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 200; i++) {
                        if (ask(limiter, "site:S01").isAllowed()) {
                            allowed++;
                        }
                    }
                    return allowed;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(callers)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> limiter(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
