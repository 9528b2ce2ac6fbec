package org.cartrial.api;

import java.util.Set;

/**
 * The sites a caller may act for. A subject outside the scope is answered as not found, so another site learns
 * nothing about it, not even that it exists.
 */
public record SiteScope(boolean allSites, Set<String> sites) {

    public static final SiteScope ALL = new SiteScope(true, Set.of());

    public SiteScope {
        sites = Set.copyOf(sites);
    }

    public static SiteScope of(Set<String> sites) {
        return new SiteScope(false, sites);
    }

    public boolean covers(String siteId) {
        return allSites || sites.contains(siteId);
    }
}
