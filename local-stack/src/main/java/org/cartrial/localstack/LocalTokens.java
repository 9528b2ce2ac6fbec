package org.cartrial.localstack;

import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * Signs tokens with the embedded default's private key, offline, with any subject, lifetime or expiry: for tests
 * only (the end-to-end tests mint expired tokens with it, for instance). The command line gets its tokens from the
 * local authorization server ({@link AuthorizationServerClient}). Issuer and audience are the ones the services
 * check, the same the authorization server puts in its tokens.
 */
public final class LocalTokens {

    public static final String ISSUER = "https://trial.local/auth";
    public static final String AUDIENCE = "cartrial-platform";
    public static final String KEY_ID = "local";

    private final NimbusJwtEncoder encoder;

    public LocalTokens(JwtKeys keys) {
        RSAKey jwk = new RSAKey.Builder(keys.publicKey()).privateKey(keys.privateKey()).keyID(KEY_ID).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
    }

    public String mint(TokenRequest request) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(request.user())
                .issuedAt(request.issuedAt())
                .expiresAt(request.expiresAt())
                .claim("roles", List.of(request.role().claim()))
                .claim("sites", request.site() == null ? List.of() : List.of(request.site()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
