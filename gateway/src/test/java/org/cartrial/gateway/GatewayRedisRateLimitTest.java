package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The redis store against the machine's Redis at 127.0.0.1:6379 (skipped when none answers there): the same 429
 * problems as the memory store, the budget kept in Redis where a second gateway instance sees it, and back after
 * the window. Every run uses sites of its own, so leftover keys of an earlier run do not matter (they expire after
 * twice the fill time anyway).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRedisRateLimitTest {

    static final String REDIS_HOST = "127.0.0.1";
    static final int REDIS_PORT = 6379;
    static final TestTokens TOKENS = TestTokens.create();
    static final StubBackend BACKEND = new StubBackend();
    static final int PER_SECOND = 1;
    /** Larger than the memory test's: Redis counts time in whole seconds, so counts below are far from the edge. */
    static final int BURST = 20;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);

    /** Asked once; the context starts either way (the connection to Redis is made at the first request). */
    static final boolean REDIS_ANSWERS = redisAnswersPing();

    @BeforeEach
    void redisAnswers() {
        // per test, not in @BeforeAll: so the report counts each test as skipped
        assumeTrue(REDIS_ANSWERS, "no Redis answers at " + REDIS_HOST + ":" + REDIS_PORT);
    }

    static boolean redisAnswersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(REDIS_HOST, REDIS_PORT), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            int read = in.readNBytes(reply, 0, reply.length);
            return read == 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TRIAL_JWT_PUBLIC_KEY", () -> "file:" + TOKENS.publicKeyPem.toAbsolutePath());
        registry.add("TRIAL_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TRIAL_JWT_AUDIENCE", () -> TestTokens.AUDIENCE);
        registry.add("ENROLLMENT_URL", BACKEND::url);
        registry.add("INFUSION_URL", BACKEND::url);
        registry.add("SAFETY_URL", BACKEND::url);
        registry.add("OUTCOMES_URL", BACKEND::url);
        registry.add("TRIAL_RATE_LIMIT_STORE", () -> "redis");
        registry.add("TRIAL_REDIS_URL", () -> "redis://" + REDIS_HOST + ":" + REDIS_PORT);
        registry.add("TRIAL_RATE_LIMIT_PER_SECOND", () -> PER_SECOND);
        registry.add("TRIAL_RATE_LIMIT_BURST", () -> BURST);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    RateLimiter<?> rateLimiter;

    @Autowired
    ApplicationContext context;

    @Autowired
    ReactiveStringRedisTemplate redis;

    static String site(String name) {
        return name + RUN;
    }

    static String coordinator(String site) {
        return TOKENS.caller("coordinator-" + site, List.of("site-coordinator"), List.of(site));
    }

    EntityExchangeResult<byte[]> get(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody().returnResult();
    }

    /** As in the memory test: the tokens left must pass, a second boundary may let one or two more through. */
    EntityExchangeResult<byte[]> exhaust(int left, String pathPrefix, String token) {
        long started = System.nanoTime();
        for (int i = 0; i < left + 10; i++) {
            String path = pathPrefix + i;
            EntityExchangeResult<byte[]> result = get(path, token);
            if (result.getStatus().value() == 429) {
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                assertThat(i).as("requests let through before the first 429").isBetween(left, left + (int) seconds + 1);
                assertThat(BACKEND.seenPaths).doesNotContain(path);
                return result;
            }
            assertThat(result.getStatus().value()).as(path).isEqualTo(200);
        }
        throw new AssertionError("no 429 after " + (left + 10) + " requests");
    }

    @Test
    void theStoreIsRedis() {
        assertThat(rateLimiter).isInstanceOf(RedisRateLimiter.class);
    }

    @Test
    void aSiteOverItsBurstGets429ProblemsWhileAnotherSiteGoesOn() {
        String s1 = site("A");
        EntityExchangeResult<byte[]> refused = exhaust(BURST, "/api/enrollment/redis/" + s1 + "/", coordinator(s1));
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo(Integer.toString(BURST));
        JsonNode problem = GatewayRateLimitTest.json(refused);
        assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).contains("site " + s1).contains("bursts of up to " + BURST);

        String s2 = site("B");
        client.get().uri("/api/safety/redis/" + s2).header(HttpHeaders.AUTHORIZATION, "Bearer " + coordinator(s2))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(BURST - 1));
    }

    @Test
    void theBudgetIsInRedisWhereEveryGatewayInstanceSharesIt() {
        String s = site("C");
        // a second gateway instance: its own RedisRateLimiter object on the same Redis
        RedisRateLimiter otherInstance = new RedisRateLimiter(PER_SECOND, BURST);
        otherInstance.setApplicationContext(context);
        for (int i = 0; i < 10; i++) {
            assertThat(otherInstance.isAllowed(CallerRateLimiterGatewayFilterFactory.BUCKET, "site:" + s).block()
                    .isAllowed()).isTrue();
        }

        EntityExchangeResult<byte[]> result = get("/api/outcomes/redis/" + s, coordinator(s));
        assertThat(result.getStatus().value()).isEqualTo(200);
        int remaining = Integer.parseInt(result.getResponseHeaders().getFirst("X-RateLimit-Remaining"));
        // a bucket of its own would have BURST - 1 left; this one lost the other instance's 10 (a few seconds may
        // have given some back)
        assertThat(remaining).isLessThan(BURST - 1 - 5);
        assertThat(redis.hasKey("request_rate_limiter.{api.site:" + s + "}.tokens").block()).isTrue();
    }

    @Test
    void theBudgetComesBackAfterTheWindow() throws InterruptedException {
        String s = site("D");
        EntityExchangeResult<byte[]> refused = exhaust(BURST, "/api/infusion/redis/" + s + "/", coordinator(s));
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter) + 100);
        client.get().uri("/api/infusion/redis/" + s + "/after")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + coordinator(s)).exchange()
                .expectStatus().isOk();
    }
}
