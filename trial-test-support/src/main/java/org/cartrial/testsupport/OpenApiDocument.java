package org.cartrial.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Keeps a service's OpenAPI document in {@code docs/openapi/<service>.json} true: a test GETs the running service's
 * {@code /api/<context>/v3/api-docs} and compares it with the committed file (keys sorted, pretty-printed), failing
 * when the code no longer says what the file says. {@code -Dopenapi.write=true} rewrites the file.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private OpenApiDocument() {
    }

    /** Compares the served document with {@code docs/openapi/<service>.json} (the module's parent folder). */
    public static void assertUpToDate(String service, String served) {
        Path file = Path.of("..", "docs", "openapi", service + ".json");
        try {
            JsonNode tree = JSON.readTree(served);
            String expected = JSON.writeValueAsString(JSON.treeToValue(tree, Object.class)) + "\n";
            if (Boolean.getBoolean("openapi.write")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected, StandardCharsets.UTF_8);
            }
            assertThat(file).as(file + " exists (write it with -Dopenapi.write=true)").exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as(file + " is stale: rewrite it with -Dopenapi.write=true").isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
