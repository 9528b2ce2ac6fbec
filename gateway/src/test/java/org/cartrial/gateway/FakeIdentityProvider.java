package org.cartrial.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An identity provider as the gateway sees one in production: OpenID metadata at the issuer's
 * {@code /.well-known/openid-configuration} naming a JWK set, and that JWK set, with the test's public key.
 */
final class FakeIdentityProvider {

    final HttpServer server;
    final AtomicInteger metadataRequests = new AtomicInteger();
    final AtomicInteger jwkSetRequests = new AtomicInteger();

    private FakeIdentityProvider(HttpServer server) {
        this.server = server;
    }

    static FakeIdentityProvider start(RSAPublicKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeIdentityProvider idp = new FakeIdentityProvider(server);
            String jwks = new JWKSet(new RSAKey.Builder(key).keyID("idp-key").build()).toString(true);
            server.createContext("/realms/trial/protocol/openid-connect/certs", exchange -> {
                idp.jwkSetRequests.incrementAndGet();
                answer(exchange, jwks);
            });
            server.createContext("/realms/trial/.well-known/openid-configuration", exchange -> {
                idp.metadataRequests.incrementAndGet();
                answer(exchange, """
                        {"issuer":"%s","jwks_uri":"%s","id_token_signing_alg_values_supported":["RS256"],
                         "subject_types_supported":["public"],"response_types_supported":["code"]}"""
                        .formatted(idp.issuer(), idp.jwkSetUri()));
            });
            server.start();
            return idp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/trial";
    }

    String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
