package org.cartrial.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.core.io.Resource;

/**
 * How tokens are checked. The embedded default verifies RS256 signatures with the public key the local stack made
 * at its first start (the key its authorization server signs with); production names its identity provider instead,
 * by JWK set URI ({@code TRIAL_JWT_JWK_SET_URI}, which wins) or by issuer URI ({@code TRIAL_JWT_ISSUER_URI}, whose
 * OpenID metadata names the JWK set; looked up at the first token, so a service may start before its IdP). Issuer
 * and audience are checked in every case, so a token for another system is refused.
 *
 * @param publicKeyLocation the X.509 PEM of the signing key, used when neither URI is given
 * @param issuer the {@code iss} a token must carry (defaults to the issuer URI when that is given)
 * @param audience a value the token's {@code aud} must contain
 * @param issuerUri the identity provider's issuer URI, or blank
 * @param jwkSetUri the identity provider's JWK set URI, or blank
 */
@ConfigurationProperties("trial.security.jwt")
public record JwtSettings(Resource publicKeyLocation, String issuer, String audience, String issuerUri,
        String jwkSetUri) {

    @ConstructorBinding
    public JwtSettings {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
    }

    /** The settings of the embedded default: a key file, no identity provider to ask. */
    public JwtSettings(Resource publicKeyLocation, String issuer, String audience) {
        this(publicKeyLocation, issuer, audience, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
