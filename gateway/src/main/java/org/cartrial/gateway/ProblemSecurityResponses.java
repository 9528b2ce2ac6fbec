package org.cartrial.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * 401 and 403 as RFC 9457 problems, like every other error of the platform. The 401 carries
 * {@code WWW-Authenticate: Bearer} (RFC 6750), with {@code error="invalid_token"} when a token was sent but refused.
 * The detail does not say which check failed: a caller with a real token learns it from its issuer, a prober learns
 * nothing.
 */
final class ProblemSecurityResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemWriter writer;

    ProblemSecurityResponses(ObjectMapper objectMapper) {
        this.writer = new ProblemWriter(objectMapper);
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        // a token was sent and refused (malformed, bad signature, expired, wrong issuer or audience, wrong alg)
        boolean tokenRefused = ex instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = tokenRefused
                ? "The bearer token was refused: it must be an RS256 token of this platform's issuer and audience, "
                        + "signed with its key and not expired."
                : "A valid bearer token is required.";
        return writer.write(exchange, HttpStatus.UNAUTHORIZED, tokenRefused ? "invalid-token" : "unauthorized",
                detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return writer.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                "Your token carries no role of this trial, or this path is not served to callers.");
    }
}
