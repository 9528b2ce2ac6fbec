package org.cartrial.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RequestRateLimiterGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spring Cloud Gateway's {@code RequestRateLimiter} (same configuration, key resolver and rate limiter beans), with
 * two differences, as the filter {@code CallerRateLimiter} that {@code application.yml} puts on every route:
 * <ul>
 * <li>a refused request is an RFC 9457 problem (429, {@code Retry-After} in seconds, a detail that names the key
 * and the limit) instead of a bare 429, like every other error of the gateway; the limiter's
 * {@code X-RateLimit-*} headers are on every answer, as in the stock filter;</li>
 * <li>one bucket per key for all routes ({@link #BUCKET} instead of the route's id): a site has one budget for
 * the platform, not one per service.</li>
 * </ul>
 * A request takes one token when it arrives; a server-sent-event stream is one request, and what it sends later
 * is never counted or cut.
 */
@Component
class CallerRateLimiterGatewayFilterFactory extends RequestRateLimiterGatewayFilterFactory {

    private static final Logger log = LoggerFactory.getLogger(CallerRateLimiterGatewayFilterFactory.class);

    /** What the limiter is told in place of a route id; Redis keys are {@code request_rate_limiter.{api.<key>}.*}. */
    static final String BUCKET = "api";
    /** What an empty key becomes: every real key starts with {@code site:} or {@code user:}. */
    private static final String NO_KEY = "\n";

    private final RateLimitSettings settings;
    private final ProblemWriter writer;

    CallerRateLimiterGatewayFilterFactory(RateLimiter<?> rateLimiter, KeyResolver keyResolver,
            RateLimitSettings settings, ObjectMapper objectMapper) {
        super(rateLimiter, keyResolver);
        this.settings = settings;
        this.writer = new ProblemWriter(objectMapper);
    }

    @Override
    @SuppressWarnings("unchecked")
    public GatewayFilter apply(Config config) {
        KeyResolver resolver = config.getKeyResolver() != null ? config.getKeyResolver() : getDefaultKeyResolver();
        RateLimiter<Object> limiter = config.getRateLimiter() != null ? config.getRateLimiter()
                : getDefaultRateLimiter();
        return (exchange, chain) -> resolver.resolve(exchange).defaultIfEmpty(NO_KEY).flatMap(key -> {
            if (NO_KEY.equals(key)) {
                // no caller: the security chain lets no such request get here; should one, it is refused
                return writer.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                        "The caller of this request could not be determined.");
            }
            return limiter.isAllowed(BUCKET, key).flatMap(response -> {
                response.getHeaders().forEach(exchange.getResponse().getHeaders()::add);
                if (response.isAllowed()) {
                    return chain.filter(exchange);
                }
                long retryAfter = settings.retryAfterSeconds();
                log.debug("{} {}: rate limit of {} reached", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), key);
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                return writer.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                        detail(key, retryAfter));
            });
        });
    }

    String detail(String key, long retryAfter) {
        String who = key.startsWith("site:") ? "site " + key.substring("site:".length()) + " (all of its staff)"
                : key.startsWith("user:") ? "user " + key.substring("user:".length()) : key;
        return "The request limit of " + who + " is used up: " + settings.perSecond()
                + (settings.perSecond() == 1 ? " request" : " requests") + " a second, in bursts of up to "
                + settings.burst() + ", across all services. Retry after " + retryAfter
                + (retryAfter == 1 ? " second." : " seconds.");
    }
}
