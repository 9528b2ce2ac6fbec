package org.cartrial.gateway;

import java.util.List;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

/**
 * The one {@link RateLimiter} of the gateway, chosen by {@code trial.gateway.rate-limit.store}:
 * <ul>
 * <li>{@code memory}: {@link InMemoryRateLimiter}, this process's buckets;</li>
 * <li>{@code redis}: Spring Cloud Gateway's {@link RedisRateLimiter} (its Lua token bucket, run atomically in Redis
 * at {@code spring.data.redis.url}), so several gateway instances share each budget. If Redis cannot be reached
 * it lets requests through and logs the error: the limit protects the services, it is not an access check, and a
 * Redis outage must not stop the sites' work.</li>
 * </ul>
 * Spring Cloud Gateway's own Redis auto-configuration is off ({@code spring.cloud.gateway.server.webflux.redis.enabled:
 * false} in {@code application.yml}): it would add a second limiter and the script bean below.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimiter<?> callerRateLimiter(RateLimitSettings settings) {
        return switch (settings.store()) {
            case MEMORY -> new InMemoryRateLimiter(settings.perSecond(), settings.burst());
            // takes the ReactiveStringRedisTemplate (Spring Boot's) and the script below from the context
            case REDIS -> new RedisRateLimiter(settings.perSecond(), settings.burst());
        };
    }

    /** The token-bucket script that ships with Spring Cloud Gateway, under the name RedisRateLimiter looks up. */
    @Bean(RedisRateLimiter.REDIS_SCRIPT_NAME)
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> redisRequestRateLimiterScript() {
        DefaultRedisScript script = new DefaultRedisScript<>();
        script.setScriptSource(
                new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));
        script.setResultType(List.class);
        return script;
    }
}
