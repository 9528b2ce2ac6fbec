package org.cartrial.gateway;

import java.net.URI;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/** Writes an RFC 9457 problem ({@code application/problem+json}: type, title, status, detail, instance, code). */
final class ProblemWriter {

    private final ObjectMapper objectMapper;

    ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The problem base of the services' problems, so a client reads the gateway's refusals alike. */
    static final String PROBLEM_BASE = "https://cartrial.org/problems/";

    /** @param code the rule refused by, in words ("unauthorized", "too-many-requests"): {@code type} and {@code code} */
    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        return write(exchange, status, code, detail, true);
    }

    /** @param withInstance false where the path is what was wrong (too long to send back, say) */
    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail,
            boolean withInstance) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_BASE + code));
        problem.setProperty("code", code);
        try {
            if (withInstance) {
                problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
            }
        } catch (IllegalArgumentException notAUri) {
            // a path a client sent unencoded: the problem goes without its instance
        }
        byte[] body;
        try {
            body = objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
