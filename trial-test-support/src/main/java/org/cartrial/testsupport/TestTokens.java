package org.cartrial.testsupport;

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

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/** An RS256 key pair for a test run, its public key as a PEM file for the services, and tokens signed with it. */
public final class TestTokens {

    public static final String ISSUER = "https://trial.local/auth";
    public static final String AUDIENCE = "cartrial-platform";

    private final KeyPair keyPair;
    private final Path publicKeyFile;
    private final NimbusJwtEncoder encoder;

    public TestTokens() {
        this(generate());
    }

    private TestTokens(KeyPair keyPair) {
        this.keyPair = keyPair;
        try {
            publicKeyFile = Files.createTempFile("jwt-public", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(keyPair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate()).keyID("test").build();
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value for {@code trial.security.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return publicKeyFile.toUri().toString();
    }

    public String siteCoordinator(String site) {
        return token("coordinator-" + site, List.of("site-coordinator"), List.of(site), Duration.ofHours(1));
    }

    public String analyst() {
        return token("analyst-1", List.of("analyst"), List.of(), Duration.ofHours(1));
    }

    public String admin() {
        return token("admin-1", List.of("admin"), List.of(), Duration.ofHours(1));
    }

    public String safetyOfficer() {
        return token("safety-officer-1", List.of("safety-officer"), List.of(), Duration.ofHours(1));
    }

    public String expired(String site) {
        return token("coordinator-" + site, List.of("site-coordinator"), List.of(site), Duration.ofHours(-1));
    }

    public String token(String subject, List<String> roles, List<String> sites, Duration validFor) {
        Instant now = Instant.now();
        Instant issuedAt = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofHours(1)) : now;
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER).audience(List.of(AUDIENCE)).subject(subject)
                .issuedAt(issuedAt).expiresAt(now.plus(validFor))
                .claim("roles", roles).claim("sites", sites).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
