package org.cartrial.gateway;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * A request line (method, path and query, version) over {@value #MAX_REQUEST_LINE} bytes is refused with a 414
 * problem. Netty's own limit ({@code server.netty.max-initial-line-length}) is set far above this one, because Netty
 * answers a line over its limit itself with a bare 414 that no handler of the gateway gets to shape; only a line
 * over Netty's limit still gets that.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after RequestIdFilter, so the refusal is logged with its request id
class RequestLineLimit implements WebFilter {

    static final int MAX_REQUEST_LINE = 4096;
    private static final int VERSION = " HTTP/1.1".length();

    private final ProblemWriter problems;

    RequestLineLimit(ObjectMapper objectMapper) {
        this.problems = new ProblemWriter(objectMapper);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        long target = uri.getRawPath().length() + (uri.getRawQuery() == null ? 0 : 1 + uri.getRawQuery().length());
        if (request.getMethod().name().length() + 1 + target + VERSION > MAX_REQUEST_LINE) {
            return problems.write(exchange, HttpStatus.URI_TOO_LONG, "request-line-too-long",
                    "The request line is longer than "
                    + MAX_REQUEST_LINE + " bytes: shorten the query (fewer or shorter filters).", false);
        }
        return chain.filter(exchange);
    }
}
