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
 * Signs demo tokens with the embedded default's private key: the stand-in for an identity provider on one
 * machine. Issuer and audience are the ones the services check.
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
