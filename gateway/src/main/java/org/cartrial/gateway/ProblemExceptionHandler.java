package org.cartrial.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers is an RFC 9457 problem: no route for the path (404), a method the route
 * does not serve, a service that cannot be reached or drops the connection before its answer (502) or does not
 * answer in time (504). Runs before Spring Boot's
 * error handler (order -1), which would answer with its own JSON shape.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemExceptionHandler(ObjectMapper objectMapper) {
        this.writer = new ProblemWriter(objectMapper);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            // a stream that broke after its first bytes: nothing can be said to the client any more
            return Mono.error(ex);
        }
        HttpStatusCode status;
        String code;
        String detail;
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 404) {
            status = rse.getStatusCode();
            code = "not-found";
            detail = "No resource at this path.";
        } else if (ex instanceof org.springframework.cloud.gateway.support.TimeoutException
                || hasCause(ex, ReadTimeoutException.class)
                || hasCause(ex, java.util.concurrent.TimeoutException.class)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            code = "service-timeout";
            detail = "The service behind this path did not answer in time.";
            log.warn("{} {}: upstream timeout: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
        } else if (ex instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            code = known == null ? Integer.toString(status.value())
                    : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            detail = rse.getReason() != null ? rse.getReason() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        } else if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)) {
            status = HttpStatus.BAD_GATEWAY;
            code = "service-unreachable";
            detail = "The service behind this path cannot be reached.";
            log.warn("{} {}: upstream unreachable: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
        } else if (hasCause(ex, IOException.class)) {
            // reset or closed before the answer (reactor-netty's PrematureCloseException is an IOException): the
            // service died holding the request, which may or may not have been stored; a 502 tells the client to
            // send it again with its Idempotency-Key, as it would after any 502
            status = HttpStatus.BAD_GATEWAY;
            code = "service-closed-connection";
            detail = "The service behind this path closed the connection before it answered.";
            log.warn("{} {}: upstream closed the connection: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            code = "internal-error";
            detail = "The gateway could not handle the request.";
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return writer.write(exchange, status, code, detail);
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
