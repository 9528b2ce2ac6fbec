package org.cartrial.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's security: stateless; every {@code /api/**} call needs an RS256 JWT signed by the platform's key,
 * issued by the configured issuer, for the configured audience, not expired, with at least one role of the trial in
 * its {@code roles} claim. That is the coarse check only: the services check the token again and decide per
 * endpoint, role and site. Health and info are open for the orchestrator; everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    /** Each context's OpenAPI document, routed to its service like the rest of its path. */
    static final String API_DOCUMENTS = "/api/*/v3/api-docs";

    static boolean isApiDocument(String path) {
        return path.matches("/api/[a-z]+/v3/api-docs");
    }

    /** The roles of the trial as they appear in the token's {@code roles} claim, with their authorities. */
    static final Map<String, String> ROLE_AUTHORITIES = Map.of(
            "site-coordinator", "ROLE_SITE_COORDINATOR",
            "investigator", "ROLE_INVESTIGATOR",
            "safety-officer", "ROLE_SAFETY_OFFICER",
            "analyst", "ROLE_ANALYST",
            "admin", "ROLE_ADMIN",
            "monitor", "ROLE_MONITOR");

    /** The metrics scraper's role: the metrics endpoint only, no route of the trial. */
    static final String MONITOR = "MONITOR";

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ObjectMapper objectMapper) {
        ProblemSecurityResponses problems = new ProblemSecurityResponses(objectMapper);
        String[] trialRoles = ROLE_AUTHORITIES.values().stream().map(a -> a.substring("ROLE_".length()))
                .filter(role -> !role.equals(MONITOR)).sorted().toArray(String[]::new);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(
                        org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                                .hasRole(MONITOR)
                        // the API's shape (OpenAPI documents, Swagger UI): public like any published interface
                        .pathMatchers(HttpMethod.GET, API_DOCUMENTS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
                                "/webjars/**").permitAll()
                        .pathMatchers("/api/**").hasAnyRole(trialRoles)
                        .anyExchange().denyAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(authenticationConverter())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** No Micrometer observation per security filter on every request: the HTTP server metrics time the request. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtSettings settings) {
        NimbusReactiveJwtDecoder decoder;
        if (settings.jwkSetUri() != null) {
            // fetched at the first token and cached; a new kid at the provider makes it fetch again
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (settings.issuerUri() != null) {
            // the provider's metadata is asked at the first token, not at start-up: the IdP may start later
            return remembering(new SupplierReactiveJwtDecoder(() -> validating(NimbusReactiveJwtDecoder
                    .withIssuerLocation(settings.issuerUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build(), settings)));
        } else {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(settings))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
        return remembering(validating(decoder, settings));
    }

    /** A caller sends the same token with every request: verify it once, until it expires. */
    private static ReactiveJwtDecoder remembering(ReactiveJwtDecoder decoder) {
        return new VerifiedTokens(decoder, 10_000, Clock.systemUTC());
    }

    private static NimbusReactiveJwtDecoder validating(NimbusReactiveJwtDecoder decoder, JwtSettings settings) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(settings.audience()));
        // a token without an expiry would be a credential for ever: the default timestamp check lets it pass
        OAuth2TokenValidator<Jwt> expiry = new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()), audience, expiry));
        return decoder;
    }

    static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(GatewaySecurityConfiguration::authorities);
        return converter;
    }

    /** The trial roles in the {@code roles} claim; unknown values give no authority. */
    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        if (!(claim instanceof Collection<?> values)) {
            return List.of();
        }
        return values.stream()
                .filter(String.class::isInstance)
                .map(ROLE_AUTHORITIES::get)
                .filter(Objects::nonNull)
                .distinct()
                .map(authority -> (GrantedAuthority) new SimpleGrantedAuthority(authority))
                .collect(Collectors.toList());
    }

    static RSAPublicKey readPublicKey(JwtSettings settings) {
        if (settings.publicKeyLocation() == null) {
            throw new IllegalStateException("trial.security.jwt.public-key-location is not set");
        }
        try (InputStream in = settings.publicKeyLocation().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new IllegalStateException("the JWT public key at " + settings.publicKeyLocation()
                        + " is not an X.509 PEM (-----BEGIN PUBLIC KEY-----)");
            }
            String base64 = Arrays.stream(pem.split("\\R"))
                    .filter(line -> !line.startsWith("-----"))
                    .collect(Collectors.joining())
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the JWT public key from " + settings.publicKeyLocation(), e);
        }
    }
}
