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
import org.springframework.security.config.http.SessionCreationPolicy;
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

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The OAuth2 side: the token endpoint (client credentials only: no user logs in here), the JWK set and the server's
 * metadata; every other path is closed except health and info, which the launcher polls.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** The token endpoint, JWK set, metadata, introspection and revocation: clients authenticate with their secret. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http
                .securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElseFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
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
            PasswordEncoder encoder) {
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
                .toList();
        return new InMemoryRegisteredClientRepository(registered);
    }

    /** The trial's claims: audience, the client's role in {@code roles} and its sites in {@code sites}. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> trialClaims(TrialClients clients, AuthSettings settings) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            clients.byId(context.getRegisteredClient().getClientId()).ifPresent(client -> context.getClaims()
                    .audience(List.of(settings.audience()))
                    .claim("roles", List.of(client.role()))
                    .claim("sites", client.sites()));
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
     * grow with every token for as long as the server runs. (Introspection and revocation therefore know no token.)
     */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                // nothing to keep
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                // nothing kept
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }
        };
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
