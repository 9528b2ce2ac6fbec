package org.cartrial.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a token says: one role, at most one site, who, and when it is valid. A token for a site-bound role without
 * a site is refused here, because the services would refuse it later with a less helpful message.
 */
public record TokenRequest(Role role, String site, String user, Instant issuedAt, Instant expiresAt) {

    public TokenRequest {
        Objects.requireNonNull(role, "role");
        if (role.siteBound() && (site == null || site.isBlank())) {
            throw new IllegalArgumentException("the role " + role.claim() + " acts for one site: give --site, e.g. S01");
        }
        if (user == null || user.isBlank()) {
            user = "demo-" + role.claim() + (site == null ? "" : "-" + site);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Valid from now for {@code validFor}; a null user becomes {@code demo-<role>[-<site>]}. */
    public static TokenRequest of(Role role, String site, String user, Duration validFor) {
        Instant now = Instant.now();
        return new TokenRequest(role, site, user, now, now.plus(validFor));
    }

    public static TokenRequest of(Role role, String site) {
        return of(role, site, null, Duration.ofHours(8));
    }

    /** The same token, expired an hour ago: for tests of what the gateway refuses. */
    public TokenRequest expired() {
        Instant now = Instant.now();
        return new TokenRequest(role, site, user, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }
}
