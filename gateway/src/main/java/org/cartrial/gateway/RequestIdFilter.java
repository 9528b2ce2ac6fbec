package org.cartrial.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an {@code X-Request-Id}: the caller's if it is a plain token (letters, digits, {@code . _ : -},
 * at most 128 characters), otherwise a new UUID. The id goes on to the service and back in the response, also on
 * the gateway's own 401/403/404 answers, so a site's report and the services' logs can be matched. A WebFilter and
 * not a GatewayFilter so that it runs before the security check.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    static {
        // the request id travels in the Reactor context; this accessor restores it into the MDC wherever Reactor
        // runs the request's operators (spring.reactor.context-propagation: auto)
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY),
                value -> MDC.put(MDC_KEY, value), () -> MDC.remove(MDC_KEY));
    }
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        // set at commit time: a service that echoes the id would otherwise give the header twice
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        // in the Reactor context, from where context propagation puts it into each log line's MDC (requestId)
        return chain.filter(exchange.mutate().request(request).build()).contextWrite(Context.of(MDC_KEY, id));
    }
}
