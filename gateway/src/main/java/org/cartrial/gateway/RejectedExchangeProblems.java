package org.cartrial.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request the security firewall rejects (an encoded slash or a NUL in the path, a path traversal, a header
 * with control characters) is a 400 problem like every other refusal, not an empty 400.
 */
@Configuration(proxyBeanMethods = false)
class RejectedExchangeProblems {

    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchange(ObjectMapper objectMapper) {
        ProblemWriter problems = new ProblemWriter(objectMapper);
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "request-rejected",
                "The request was rejected: " + rejected.getMessage());
    }
}
