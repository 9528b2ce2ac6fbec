package org.cartrial.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The OAuth2 side: the token endpoint (client credentials for scripts and systems; the authorization code with PKCE
 * for people signing in through the gateway's web client), the JWK set and the server's metadata, the sign-in form,
 * the admin's endpoint for adding people, and health and info, which the launcher polls.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /**
     * The token endpoint, JWK set, metadata (OAuth2 and OpenID), introspection, revocation and the authorization
     * endpoint: clients authenticate with their secret; a person who asks for the authorization endpoint without
     * being signed in is sent to the sign-in form (browsers) or answered 401.
     */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http
                .securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, as -> as.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
                .build();
    }

    /**
     * The sign-in form (a session per browser, a new session id at sign-in, CSRF on), the admin's user endpoint
     * (a bearer token with the admin role, no session), health and info.
     */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElseFilterChain(HttpSecurity http) throws Exception {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> claim = jwt.getClaimAsStringList("roles");
            return claim == null ? List.of() : claim.stream()
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.toUpperCase().replace('-', '_')))
                    .toList();
        });
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .oauth2ResourceServer(rs -> rs.jwt(j -> j.jwtAuthenticationConverter(roles)))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/admin/**"))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    TrialUsers trialUsers(AuthSettings settings, WebSignInSettings web, PasswordEncoder encoder) {
        return TrialUsers.load(settings.sites(), web.usersFile(), encoder);
    }

    @Bean
    TrialClients trialClients(AuthSettings settings) {
        return TrialClients.load(settings.sites(), settings.clientSecretsFile());
    }

    /** Cheap enough for a laptop's C1-compiled JVM; the plain secrets are in the owner-only file anyway. */
    @Bean
    PasswordEncoder clientSecretEncoder() {
        return new BCryptPasswordEncoder(8);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(TrialClients clients, AuthSettings settings,
            WebSignInSettings web, PasswordEncoder encoder) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(settings.tokenLifetime())
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        List<RegisteredClient> registered = clients.all().stream()
                .map(client -> RegisteredClient.withId(UUID.nameUUIDFromBytes(client.id().getBytes(StandardCharsets.UTF_8)).toString())
                        .clientId(client.id())
                        .clientName(client.role() + (client.sites().isEmpty() ? "" : " at " + String.join(",", client.sites())))
                        .clientSecret(encoder.encode(client.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                        .tokenSettings(tokens)
                        .build())
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        // the gateway signs people in for the browser: authorization code with PKCE, a confidential client
        registered.add(RegisteredClient.withId(UUID.nameUUIDFromBytes(web.clientId().getBytes(StandardCharsets.UTF_8)).toString())
                .clientId(web.clientId())
                .clientName("web application (gateway)")
                .clientSecret(encoder.encode(TrialClients.secretOf(web.clientId(), settings.clientSecretsFile())))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(web.redirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build());
        return new InMemoryRegisteredClientRepository(registered);
    }

    /**
     * The trial's claims: audience, the role in {@code roles} and the sites in {@code sites}; a client's own for
     * client credentials, the signed-in person's for the authorization code (whose {@code sub} is the person).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> trialClaims(TrialClients clients, TrialUsers users, AuthSettings settings) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                users.person(context.getPrincipal().getName()).ifPresent(person -> {
                    if (accessToken) {
                        context.getClaims().audience(List.of(settings.audience()));
                    }
                    context.getClaims().claim("roles", List.of(person.role())).claim("sites", person.sites());
                });
                return;
            }
            if (accessToken) {
                clients.byId(context.getRegisteredClient().getClientId()).ifPresent(client -> context.getClaims()
                        .audience(List.of(settings.audience()))
                        .claim("roles", List.of(client.role()))
                        .claim("sites", client.sites()));
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthSettings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }

    /** The key pair under the data folder: the services verify with its public half. */
    @Bean
    JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(readPem(settings.publicKeyLocation())));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(settings.privateKeyLocation())));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(settings.keyId()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key pair (" + settings.publicKeyLocation() + ", "
                    + settings.privateKeyLocation() + ") is unreadable", e);
        }
    }

    /**
     * Issued tokens are self-contained JWTs that nobody looks up again, so none is kept: an in-memory store would
     * grow with every token for as long as the server runs. Only a person's sign-in in progress is kept, from the
     * code being issued until it is exchanged (then it is dropped, so a code works once and nothing grows).
     * (Introspection and revocation therefore know no token.)
     */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new PendingSignIns();
    }

    private static byte[] readPem(Resource location) {
        try (InputStream in = location.getInputStream()) {
            String base64 = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + location + " (the launcher makes the key pair: ./trial start)", e);
        }
    }
}
