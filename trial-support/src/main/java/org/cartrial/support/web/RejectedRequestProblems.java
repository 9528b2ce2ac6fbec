package org.cartrial.support.web;


import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request the servlet stack rejects before any controller sees it is a 400 problem like every other refusal. An
 * encoded slash ({@code %2F}) in a path is one: Tomcat, by default, answers it itself with a bare 400 before the
 * application is asked, so Tomcat lets it through to Spring Security's firewall, which rejects it (with a NUL, a
 * backslash or a path traversal) and this handler writes the problem.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
public class RejectedRequestProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequest(ObjectMapper objectMapper) {
        return (request, response, rejected) -> {
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "request-rejected",
                    "The request was rejected: its path or a header is not allowed (an encoded slash, a NUL, a"
                            + " backslash, a path traversal or a control character).");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
        };
    }
}
