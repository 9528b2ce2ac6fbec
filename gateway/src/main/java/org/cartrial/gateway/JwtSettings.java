package org.cartrial.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How the gateway checks tokens: by the RS256 public key (an X.509 {@code -----BEGIN PUBLIC KEY-----} PEM) in the
 * embedded default, or, in production, by the identity provider's JWK set URI ({@code TRIAL_JWT_JWK_SET_URI}, which
 * wins) or issuer URI ({@code TRIAL_JWT_ISSUER_URI}); always the issuer the token must name and the audience it must
 * contain. The same settings the services use, so one set of environment variables ({@code TRIAL_JWT_PUBLIC_KEY},
 * {@code TRIAL_JWT_ISSUER_URI}, {@code TRIAL_JWT_JWK_SET_URI}, {@code TRIAL_JWT_ISSUER}, {@code TRIAL_JWT_AUDIENCE})
 * serves every process.
 */
@ConfigurationProperties("trial.security.jwt")
public record JwtSettings(Resource publicKeyLocation, String issuer, String audience, String issuerUri,
        String jwkSetUri) {

    public JwtSettings {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        if (publicKeyLocation == null && issuerUri == null && jwkSetUri == null) {
            throw new IllegalStateException("trial.security.jwt: set public-key-location (TRIAL_JWT_PUBLIC_KEY),"
                    + " issuer-uri (TRIAL_JWT_ISSUER_URI) or jwk-set-uri (TRIAL_JWT_JWK_SET_URI)");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("trial.security.jwt.issuer is not set");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("trial.security.jwt.audience is not set");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
