package org.cartrial.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cartrial.api.consistency.ConsistencyToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Read-your-writes for clients that do not keep the {@value ConsistencyToken#HEADER} token themselves (a person
 * pasting curl commands, a script): the gateway remembers, per access token, the newest consistency token the
 * services answered it, and sends it with that access token's next request that carries none. A client that sends
 * its own token is left alone. The memory ends with the access token's expiry and holds at most
 * {@code trial.gateway.consistency.max-callers} callers (the oldest-expiring are forgotten first); several gateway
 * instances each remember what passed through them, so clients behind a load balancer should send the header
 * themselves.
 */
@Component
class ConsistencyTokenRelay implements GlobalFilter, Ordered {

    private record Remembered(ConsistencyToken token, Instant expiresAt) {
    }

    private final Map<String, Remembered> byAccessToken = new ConcurrentHashMap<>();
    private final int maxCallers;

    ConsistencyTokenRelay(@Value("${trial.gateway.consistency.max-callers:10000}") int maxCallers) {
        this.maxCallers = maxCallers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(principal -> relay(exchange, principal))
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    private ServerWebExchange relay(ServerWebExchange exchange, JwtAuthenticationToken principal) {
        String accessToken = principal.getToken().getTokenValue();
        Instant expiresAt = principal.getToken().getExpiresAt();
        exchange.getResponse().beforeCommit(() -> {
            String answered = exchange.getResponse().getHeaders().getFirst(ConsistencyToken.HEADER);
            if (answered != null && expiresAt != null) {
                remember(accessToken, expiresAt, answered);
            }
            return Mono.empty();
        });
        if (exchange.getRequest().getHeaders().containsKey(ConsistencyToken.HEADER)) {
            return exchange;
        }
        Remembered remembered = byAccessToken.get(accessToken);
        if (remembered == null || remembered.token().isEmpty()) {
            return exchange;
        }
        return exchange.mutate().request(exchange.getRequest().mutate()
                .headers(h -> h.set(ConsistencyToken.HEADER, remembered.token().toString())).build()).build();
    }

    private void remember(String accessToken, Instant expiresAt, String answered) {
        ConsistencyToken token;
        try {
            token = ConsistencyToken.parse(answered);
        } catch (IllegalArgumentException e) {
            return; // not a token a service of ours wrote
        }
        byAccessToken.merge(accessToken, new Remembered(token, expiresAt),
                (old, fresh) -> new Remembered(old.token().merge(fresh.token()), expiresAt));
        if (byAccessToken.size() > maxCallers) {
            forgetExpired();
        }
    }

    private void forgetExpired() {
        Instant now = Instant.now();
        byAccessToken.values().removeIf(r -> r.expiresAt().isBefore(now));
        while (byAccessToken.size() > maxCallers) {
            byAccessToken.entrySet().stream().min(Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Remembered::expiresAt)))
                    .ifPresent(oldest -> byAccessToken.remove(oldest.getKey()));
        }
    }

    /** Before the routing filters, after the request budget. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
