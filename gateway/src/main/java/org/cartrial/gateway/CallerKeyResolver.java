package org.cartrial.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Whose budget a request draws on, from the verified token (the security chain has refused every request without
 * one before any gateway filter runs):
 * <ul>
 * <li>{@code site:<id>} for a caller whose trial roles are all site-bound (site coordinator, investigator) and whose
 * {@code sites} claim names at least one site: the site's staff share one budget. A caller bound to several sites
 * is charged to the site the request names in its {@code site} query parameter if that is one of theirs (the list
 * and report endpoints take it), otherwise to the first of their sites in sorted order; request bodies are not
 * read for this.</li>
 * <li>{@code user:<sub>} for everyone else: the cross-site roles (safety officer, analyst, admin; a token with
 * one of them among site-bound roles counts as cross-site, as in the services' own site checks), and a site-bound
 * caller without sites (whom the services refuse anyway).</li>
 * </ul>
 */
@Component
class CallerKeyResolver implements KeyResolver {

    static final Set<String> SITE_BOUND_ROLES = Set.of("site-coordinator", "investigator");
    /** The query parameter in which the list and report endpoints take a site. */
    static final String SITE_PARAMETER = "site";

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(principal instanceof JwtAuthenticationToken jwt
                        ? key(jwt.getToken(), exchange.getRequest().getQueryParams().getOrDefault(SITE_PARAMETER, List.of()))
                        // a person signed in for the web application (its pages' API calls carry their token)
                        : principal instanceof OAuth2AuthenticationToken person ? "person:" + person.getName() : null))
                .switchIfEmpty(Mono.fromSupplier(() -> anonymousDocumentReader(exchange)));
    }

    /** The OpenAPI documents are read without a token: their budget is per client address. */
    private static String anonymousDocumentReader(ServerWebExchange exchange) {
        if (!GatewaySecurityConfiguration.isApiDocument(exchange.getRequest().getPath().value())) {
            return null;
        }
        var address = exchange.getRequest().getRemoteAddress();
        return "docs:" + (address == null ? "unknown" : address.getAddress().getHostAddress());
    }

    static String key(Jwt jwt, List<String> requestedSites) {
        List<String> roles = strings(jwt.getClaims().get("roles")).stream()
                .filter(GatewaySecurityConfiguration.ROLE_AUTHORITIES::containsKey)
                .toList();
        boolean siteBoundOnly = !roles.isEmpty() && SITE_BOUND_ROLES.containsAll(roles);
        TreeSet<String> sites = new TreeSet<>(strings(jwt.getClaims().get("sites")));
        if (siteBoundOnly && !sites.isEmpty()) {
            String site = requestedSites.stream().filter(sites::contains).findFirst().orElse(sites.first());
            return "site:" + site;
        }
        return "user:" + Objects.toString(jwt.getSubject(), "");
    }

    /** A claim's non-blank strings: a JSON array of them, or one string. */
    private static List<String> strings(Object claim) {
        if (claim instanceof String value) {
            return value.isBlank() ? List.of() : List.of(value);
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(s -> !s.isBlank()).toList();
        }
        return List.of();
    }
}
