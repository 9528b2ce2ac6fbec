package org.cartrial.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * One log line per routed request: method, route, status and time, with the request's trace id and request id, so
 * an operator can follow a request from here into the service's command log and the consumers' logs. No path (it
 * holds subject ids), no query, no body.
 */
@Component
class RoutedRequestLog implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RoutedRequestLog.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            log.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(),
                    route == null ? "unrouted" : route.getId(), exchange.getResponse().getStatusCode(),
                    (System.nanoTime() - start) / 1_000_000);
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
