package org.cartrial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** Whose budget a request draws on. */
class CallerKeyResolverTest {

    static Jwt jwt(Consumer<Jwt.Builder> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.accept(builder);
        return builder.build();
    }

    static String key(Jwt jwt, String... requestedSites) {
        return CallerKeyResolver.key(jwt, List.of(requestedSites));
    }

    @Test
    void siteBoundRolesAreChargedToTheirSite() {
        assertThat(key(jwt(c -> c.claim("roles", List.of("site-coordinator")).claim("sites", List.of("S01")))))
                .isEqualTo("site:S01");
        assertThat(key(jwt(c -> c.claim("roles", List.of("investigator", "site-coordinator"))
                .claim("sites", List.of("S02"))))).isEqualTo("site:S02");
    }

    @Test
    void severalSitesAreChargedToTheRequestedOneIfTheirsElseTheFirstSorted() {
        Jwt twoSites = jwt(c -> c.subject("carol").claim("roles", List.of("investigator"))
                .claim("sites", List.of("S07", "S03")));
        assertThat(key(twoSites)).isEqualTo("site:S03");
        assertThat(key(twoSites, "S07")).isEqualTo("site:S07");
        assertThat(key(twoSites, "S99", "S07")).isEqualTo("site:S07");
        // a site that is not the caller's charges nothing of that site
        assertThat(key(twoSites, "S99")).isEqualTo("site:S03");
    }

    @Test
    void crossSiteRolesAreChargedToTheUser() {
        for (String role : List.of("safety-officer", "analyst", "admin")) {
            assertThat(key(jwt(c -> c.subject("bob").claim("roles", List.of(role)).claim("sites", List.of("S01")))))
                    .as(role).isEqualTo("user:bob");
        }
        // one cross-site role among site-bound ones: the caller works across sites, as the services see it
        assertThat(key(jwt(c -> c.subject("bob").claim("roles", List.of("investigator", "analyst"))
                .claim("sites", List.of("S01"))), "S01")).isEqualTo("user:bob");
    }

    @Test
    void aSiteBoundCallerWithoutSitesIsChargedToTheUser() {
        assertThat(key(jwt(c -> c.claim("roles", List.of("site-coordinator"))))).isEqualTo("user:alice");
        assertThat(key(jwt(c -> c.claim("roles", List.of("site-coordinator")).claim("sites", List.of()))))
                .isEqualTo("user:alice");
        assertThat(key(jwt(c -> c.claim("roles", List.of("site-coordinator")).claim("sites", List.of(" ")))))
                .isEqualTo("user:alice");
    }

    @Test
    void unknownRolesAreIgnoredAndASingleStringSiteCounts() {
        assertThat(key(jwt(c -> c.claim("roles", List.of("investigator", "patient")).claim("sites", "S04"))))
                .isEqualTo("site:S04");
        // no trial role at all (the gateway answers 403 before this): the user
        assertThat(key(jwt(c -> c.claim("roles", List.of("patient")).claim("sites", List.of("S04")))))
                .isEqualTo("user:alice");
    }

    @Test
    void theResolverReadsThePrincipalAndTheSiteQueryParameter() {
        Jwt jwt = jwt(c -> c.claim("roles", List.of("investigator")).claim("sites", List.of("S01", "S02")));
        ServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/outcomes/consort?site=S02&site=S01").build())
                .mutate().principal(Mono.just(new JwtAuthenticationToken(jwt))).build();
        assertThat(new CallerKeyResolver().resolve(exchange).block()).isEqualTo("site:S02");

        ServerWebExchange anonymous = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x").build());
        assertThat(new CallerKeyResolver().resolve(anonymous).blockOptional()).isEmpty();
    }
}
