package org.cartrial.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How tokens are checked. The embedded default verifies RS256 signatures with the public key the local stack made
 * at its first start; issuer and audience are checked too, so a token for another system is refused.
 */
@ConfigurationProperties("trial.security.jwt")
public record JwtSettings(Resource publicKeyLocation, String issuer, String audience) {
}
