package org.cartrial.gateway;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import reactor.core.publisher.Mono;

/**
 * Remembers the tokens already verified, so a caller's bearer token costs one RSA check and one parse, not one per
 * request. An entry lives no longer than the token's {@code exp}, and a remembered token past its expiry is checked
 * afresh, so an expired token is refused as before. Refused tokens are never remembered.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder decoder, long maximumTokens, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null && clock.instant().isBefore(remembered.getExpiresAt())) {
            return Mono.just(remembered);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
                verified.put(token, jwt);
            }
        });
    }

    /** Each token's entry ends at the token's own expiry. */
    private record UntilExpiry(Clock clock) implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), jwt.getExpiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
