package org.cartrial.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-12-04T00:00:00Z");
    private final JwtDecoder decoder = mock(JwtDecoder.class);

    private Jwt jwt(Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(now.minusSeconds(10))
                .expiresAt(expiresAt).build();
    }

    @Test
    void verifiesATokenOnceWhileItIsValid() {
        Jwt jwt = jwt(now.plusSeconds(300));
        when(decoder.decode("t")).thenReturn(jwt);
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(tokens.decode("t")).isSameAs(jwt);
        assertThat(tokens.decode("t")).isSameAs(jwt);

        verify(decoder, times(1)).decode("t");
    }

    @Test
    void checksARememberedTokenAfreshOnceItHasExpired() {
        Jwt jwt = jwt(now.plusSeconds(300));
        when(decoder.decode("t")).thenReturn(jwt)
                .thenThrow(new JwtValidationException("expired",
                        java.util.List.of(new org.springframework.security.oauth2.core.OAuth2Error("invalid_token"))));
        MovingClock clock = new MovingClock(now);
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, clock);
        tokens.decode("t");

        clock.now = now.plus(Duration.ofSeconds(301));

        assertThatThrownBy(() -> tokens.decode("t")).isInstanceOf(JwtValidationException.class);
        verify(decoder, times(2)).decode("t");
    }

    @Test
    void neverRemembersARefusedToken() {
        when(decoder.decode("bad")).thenThrow(new BadJwtException("bad signature"));
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, Clock.fixed(now, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        verify(decoder, times(2)).decode("bad");
    }

    @Test
    void checksATokenWithoutExpiryEveryTime() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u").build();
        when(decoder.decode("t")).thenReturn(jwt);
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, Clock.fixed(now, ZoneOffset.UTC));

        tokens.decode("t");
        tokens.decode("t");

        verify(decoder, times(2)).decode("t");
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
