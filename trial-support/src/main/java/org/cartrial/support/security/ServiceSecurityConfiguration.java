package org.cartrial.support.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one security configuration of every service: stateless, every API call needs an RS256 JWT (checked here
 * again although the gateway checked it: defence in depth), roles from the {@code roles} claim, method security
 * on the endpoints. Only health and info are open, for the launcher and the orchestrator; the metrics are for the
 * {@code monitor} role.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@EnableConfigurationProperties(JwtSettings.class)
public class ServiceSecurityConfiguration {

    @Bean
    SecurityFilterChain trialSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, ObjectMapper objectMapper)
            throws Exception {
        ProblemAuthenticationResponses problems = new ProblemAuthenticationResponses(objectMapper);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // the monitoring side only; the trial's data stays behind the endpoints' own role checks
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                                .hasRole(TrialRole.MONITOR.name())
                        // the OpenAPI document: the API's shape, public like any published interface; no data
                        .requestMatchers(HttpMethod.GET, "/api/*/v3/api-docs", "/api/*/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(j -> j.decoder(jwtDecoder).jwtAuthenticationConverter(trialAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Spring's strict firewall, as strict, checking header characters without a regular expression. */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    JwtDecoder jwtDecoder(JwtSettings settings) {
        NimbusJwtDecoder decoder;
        if (settings.jwkSetUri() != null) {
            // fetched at the first token and cached; a new kid at the provider makes it fetch again
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (settings.issuerUri() != null) {
            // the provider's metadata is asked at the first token, not at start-up: the IdP may start later
            return remembering(new SupplierJwtDecoder(() -> validating(NimbusJwtDecoder
                    .withIssuerLocation(settings.issuerUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build(), settings)));
        } else {
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(settings))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        }
        return remembering(validating(decoder, settings));
    }

    /** A caller sends the same token with every request: verify it once, until it expires. */
    private static JwtDecoder remembering(JwtDecoder decoder) {
        return new VerifiedTokens(decoder, 10_000, Clock.systemUTC());
    }

    private static NimbusJwtDecoder validating(NimbusJwtDecoder decoder, JwtSettings settings) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(settings.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()), audience));
        return decoder;
    }

    static JwtAuthenticationConverter trialAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(ServiceSecurityConfiguration::authorities);
        return converter;
    }

    private static Collection<GrantedAuthority> authorities(Jwt jwt) {
        return Caller.fromJwt(jwt).roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .collect(Collectors.toList());
    }

    static RSAPublicKey readPublicKey(JwtSettings settings) {
        if (settings.publicKeyLocation() == null) {
            throw new IllegalStateException("no way to check tokens: set TRIAL_JWT_PUBLIC_KEY, TRIAL_JWT_ISSUER_URI"
                    + " or TRIAL_JWT_JWK_SET_URI");
        }
        try (InputStream in = settings.publicKeyLocation().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JWT public key from " + settings.publicKeyLocation(), e);
        }
    }
}
