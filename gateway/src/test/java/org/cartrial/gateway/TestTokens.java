package org.cartrial.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** An RS256 key pair of the test (its public half in a PEM file, as in production) and tokens made with it. */
final class TestTokens {

    static final String ISSUER = "https://trial.test/auth";
    static final String AUDIENCE = "cartrial-test";

    final KeyPair keyPair;
    final Path publicKeyPem;
    private final NimbusJwtEncoder encoder;

    private TestTokens(KeyPair keyPair, Path publicKeyPem) {
        this.keyPair = keyPair;
        this.publicKeyPem = publicKeyPem;
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate()).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
    }

    static TestTokens create() {
        KeyPair keyPair = newKeyPair();
        try {
            Path pem = Files.createTempFile("jwt-public", ".pem");
            pem.toFile().deleteOnExit();
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keyPair.getPublic().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n",
                    StandardCharsets.US_ASCII);
            return new TestTokens(keyPair, pem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token that passes every check of the gateway: right key, issuer, audience, not expired, a trial role. */
    String valid(String... roles) {
        return mint(SignatureAlgorithm.RS256, c -> c.claim("roles", List.of(roles.length == 0 ? new String[] {"analyst"} : roles)));
    }

    /** A valid token of the given subject, roles and sites. */
    String caller(String subject, List<String> roles, List<String> sites) {
        return mint(SignatureAlgorithm.RS256, c -> c.subject(subject).claim("roles", roles).claim("sites", sites));
    }

    String mint(SignatureAlgorithm algorithm, Consumer<JwtClaimsSet.Builder> customizer) {
        JwtClaimsSet.Builder claims = baseClaims();
        customizer.accept(claims);
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).build(), claims.build()))
                .getTokenValue();
    }

    static JwtClaimsSet.Builder baseClaims() {
        Instant now = Instant.now();
        return JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject("alice")
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(10)))
                .claim("roles", List.of("analyst"))
                .claim("sites", List.of("site-01"));
    }

    /** The same claims with another key pair's signature. */
    static String signedByOtherKey() {
        return create().valid();
    }

    /** An unsigned token: {@code alg: none} and an empty signature part. */
    static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":[\"" + AUDIENCE + "\"],\"sub\":\"alice\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"roles\":[\"admin\"]}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Algorithm confusion: HS256 with the (public) RSA key's bytes as the shared secret. */
    String hmacWithPublicKey() {
        try {
            long now = Instant.now().getEpochSecond();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("mallory")
                    .issueTime(new java.util.Date(now * 1000)).expirationTime(new java.util.Date((now + 600) * 1000))
                    .claim("roles", List.of("admin")).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(keyPair.getPublic().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
