package org.cartrial.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The claims of a JWT as JSON, read without checking it (the platform checks it; the test only looks). */
final class TokenClaims {

    private TokenClaims() {
    }

    static JsonNode of(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException | ArrayIndexOutOfBoundsException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
