package org.cartrial.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How the gateway checks tokens: the RS256 public key (an X.509 {@code -----BEGIN PUBLIC KEY-----} PEM), the issuer
 * the token must name and the audience it must contain. The same settings the services use, so one set of
 * environment variables ({@code TRIAL_JWT_PUBLIC_KEY}, {@code TRIAL_JWT_ISSUER}, {@code TRIAL_JWT_AUDIENCE}) serves
 * every process.
 */
@ConfigurationProperties("trial.security.jwt")
public record JwtSettings(Resource publicKeyLocation, String issuer, String audience) {

    public JwtSettings {
        if (publicKeyLocation == null) {
            throw new IllegalStateException("trial.security.jwt.public-key-location is not set");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("trial.security.jwt.issuer is not set");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("trial.security.jwt.audience is not set");
        }
    }
}
