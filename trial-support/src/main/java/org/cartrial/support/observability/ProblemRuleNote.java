package org.cartrial.support.observability;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Notes the rule of every problem document a controller or the error handler writes (the last segment of its
 * type, e.g. {@code not-enrolled}), for {@link CommandMeters} to tag the refusal with.
 */
@ControllerAdvice
public class ProblemRuleNote implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && request instanceof ServletServerHttpRequest servlet) {
            String type = problem.getType().toString();
            servlet.getServletRequest().setAttribute(CommandMeters.PROBLEM_RULE, type.substring(type.lastIndexOf('/') + 1));
        }
        return body;
    }
}
