package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class LocalTokensTest {

    @TempDir
    Path dataDir;

    @Test
    void the_key_pair_is_made_once_with_a_private_key_only_its_owner_can_read() throws Exception {
        assertThat(JwtKeys.ensure(dataDir)).isTrue();
        String publicPem = Files.readString(JwtKeys.publicKeyFile(dataDir));
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Files.readString(JwtKeys.privateKeyFile(dataDir))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(JwtKeys.privateKeyFile(dataDir))))
                .isEqualTo("rw-------");

        assertThat(JwtKeys.ensure(dataDir)).isFalse();
        assertThat(Files.readString(JwtKeys.publicKeyFile(dataDir))).isEqualTo(publicPem);
        assertThat(JwtKeys.load(dataDir).publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void a_token_carries_what_the_services_check_and_verifies_with_the_public_key() {
        JwtKeys.ensure(dataDir);
        JwtKeys keys = JwtKeys.load(dataDir);
        String token = new LocalTokens(keys).mint(TokenRequest.of(Role.SITE_COORDINATOR, "S01"));

        Jwt jwt = decoder(keys).decode(token);
        assertThat(jwt.getHeaders()).containsEntry("kid", "local").containsEntry("alg", "RS256");
        assertThat(jwt.getIssuer().toString()).isEqualTo("https://trial.local/auth");
        assertThat(jwt.getAudience()).containsExactly("cartrial-platform");
        assertThat(jwt.getSubject()).isEqualTo("demo-site-coordinator-S01");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("site-coordinator");
        assertThat(jwt.getClaimAsStringList("sites")).containsExactly("S01");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void a_role_for_all_sites_gets_an_empty_site_list() {
        JwtKeys.ensure(dataDir);
        JwtKeys keys = JwtKeys.load(dataDir);
        Jwt jwt = decoder(keys).decode(new LocalTokens(keys).mint(TokenRequest.of(Role.ANALYST, null)));
        assertThat(jwt.getClaimAsStringList("sites")).isEmpty();
        assertThat(jwt.getSubject()).isEqualTo("demo-analyst");
    }

    @Test
    void an_expired_token_is_refused_by_a_standard_decoder() {
        JwtKeys.ensure(dataDir);
        JwtKeys keys = JwtKeys.load(dataDir);
        String token = new LocalTokens(keys).mint(TokenRequest.of(Role.ANALYST, null).expired());
        assertThatThrownBy(() -> decoder(keys).decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_site_bound_role_needs_a_site() {
        assertThatThrownBy(() -> TokenRequest.of(Role.INVESTIGATOR, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--site");
        assertThatThrownBy(() -> Role.of("nurse")).isInstanceOf(IllegalArgumentException.class);
    }

    private static NimbusJwtDecoder decoder(JwtKeys keys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(LocalTokens.ISSUER));
        return decoder;
    }
}
