package org.cartrial.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cartrial.api.SiteScope;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling: the token's subject, roles and the sites the caller is bound to. */
public record Caller(String user, Set<TrialRole> roles, Set<String> sites) {

    public static final String META_USER = "actorUser";
    public static final String META_ROLES = "actorRoles";
    public static final String META_SITES = "actorSites";

    public Caller {
        roles = Set.copyOf(roles);
        sites = Set.copyOf(sites);
    }

    static Caller fromJwt(Jwt jwt) {
        Set<TrialRole> roles = jwt.getClaimAsStringList("roles") == null ? Set.of()
                : jwt.getClaimAsStringList("roles").stream().map(TrialRole::fromClaim)
                        .flatMap(java.util.Optional::stream).collect(Collectors.toSet());
        Set<String> sites = jwt.getClaimAsStringList("sites") == null ? Set.of()
                : Set.copyOf(jwt.getClaimAsStringList("sites"));
        return new Caller(jwt.getSubject(), roles, sites);
    }

    /** The caller of the current request; fails if the request is not authenticated by a token. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken());
        }
        throw new AccessDeniedException("no authenticated caller");
    }

    public boolean has(TrialRole role) {
        return roles.contains(role);
    }

    /** True when the caller may act on the site's subjects: bound to it, or a role that works across sites. */
    public boolean mayActFor(String siteId) {
        return roles.stream().anyMatch(r -> !r.isSiteBound()) || sites.contains(siteId);
    }

    /** The sites the caller acts for, as the domain sees them. */
    public SiteScope siteScope() {
        return roles.stream().anyMatch(r -> !r.isSiteBound()) ? SiteScope.ALL : SiteScope.of(sites);
    }

    /**
     * The sites a read across subjects covers: those asked for (each must be the caller's, else access is denied),
     * or, when none are asked for, every site the caller may see; null means every site of the trial.
     */
    public List<String> sitesToRead(List<String> asked) {
        if (asked != null) {
            asked.forEach(this::requireSite);
            return asked;
        }
        SiteScope scope = siteScope();
        return scope.allSites() ? null : new ArrayList<>(scope.sites());
    }

    /** Refuses a site-bound caller who is not bound to {@code siteId}. */
    public void requireSite(String siteId) {
        if (!mayActFor(siteId)) {
            throw new AccessDeniedException("caller " + user + " is not bound to site " + siteId);
        }
    }

    /** The caller as event metadata: every event records who caused it. */
    public Map<String, String> asMetaData() {
        return Map.of(
                META_USER, user,
                META_ROLES, roles.stream().map(TrialRole::claimValue).sorted().collect(Collectors.joining(",")),
                META_SITES, sites.stream().sorted().collect(Collectors.joining(",")));
    }
}
