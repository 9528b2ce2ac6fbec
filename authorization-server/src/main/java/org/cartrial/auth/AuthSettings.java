package org.cartrial.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * What the local authorization server issues: the issuer and audience the services check, the sites whose staff get
 * clients, how long a token lives, where the signing key pair and the generated client secrets are.
 *
 * @param issuer the {@code iss} of every token (TRIAL_JWT_ISSUER, the same value the services are given)
 * @param audience the {@code aud} of every token (TRIAL_JWT_AUDIENCE)
 * @param sites the sites that get a site-coordinator and an investigator client (TRIAL_AUTH_SITES, comma-separated)
 * @param tokenLifetime how long an access token is valid
 * @param clientSecretsFile where the client secrets are kept, made at the first start (mode 600)
 * @param publicKeyLocation the X.509 PEM of the signing key (the one the services verify with)
 * @param privateKeyLocation the PKCS#8 PEM of the signing key
 * @param keyId the {@code kid} in the token header and the JWK set
 */
@ConfigurationProperties("trial.auth")
public record AuthSettings(String issuer, String audience, List<String> sites, Duration tokenLifetime,
        Path clientSecretsFile, Resource publicKeyLocation, Resource privateKeyLocation, String keyId) {

    /** Site codes as the services accept them. */
    static final Pattern SITE = Pattern.compile("[A-Z0-9]{2,10}");

    public AuthSettings {
        require(issuer, "trial.auth.issuer");
        require(audience, "trial.auth.audience");
        sites = sites == null ? List.of() : sites.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        for (String site : sites) {
            if (!SITE.matcher(site).matches()) {
                throw new IllegalStateException("trial.auth.sites: '" + site + "' is not a site code (2-10 capitals or digits)");
            }
        }
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            tokenLifetime = Duration.ofHours(1);
        }
        if (clientSecretsFile == null) {
            throw new IllegalStateException("trial.auth.client-secrets-file is not set");
        }
        if (publicKeyLocation == null || privateKeyLocation == null) {
            throw new IllegalStateException("trial.auth.public-key-location and private-key-location must be set");
        }
        if (keyId == null || keyId.isBlank()) {
            keyId = "local";
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
    }
}
