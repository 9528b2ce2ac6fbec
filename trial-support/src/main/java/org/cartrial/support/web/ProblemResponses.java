package org.cartrial.support.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.cartrial.api.CommandRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolationException;

/**
 * The one error handler of every service: each refusal is an RFC 9457 problem ({@code application/problem+json})
 * naming the field and the rule that failed; nothing the caller sent is echoed back, no stack trace leaves.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static final String PROBLEM_BASE = "https://cartrial.org/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::violation).collect(Collectors.toList());
        ex.getBindingResult().getGlobalErrors().forEach(e ->
                violations.add(new FieldViolation(e.getObjectName(), e.getCode(), e.getDefaultMessage())));
        return invalid(violations);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> new FieldViolation(
                        r.getMethodParameter().getParameterName(), e.getCodes() == null ? "invalid" : e.getCodes()[0],
                        e.getDefaultMessage())))
                .toList();
        return invalid(violations);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        FieldViolation violation;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            violation = new FieldViolation(path(unknown), "unknown-field", "this field is not part of the request");
        } else if (cause instanceof InvalidFormatException format) {
            violation = new FieldViolation(path(format), "type",
                    "expected a value of type " + format.getTargetType().getSimpleName());
        } else if (cause instanceof MismatchedInputException mismatch) {
            violation = new FieldViolation(path(mismatch), "type", "value has the wrong type or is missing");
        } else if (cause instanceof JsonMappingException mapping) {
            violation = new FieldViolation(path(mapping), "invalid", "value cannot be read");
        } else if (cause instanceof JsonProcessingException) {
            violation = new FieldViolation("$", "json", "the body is not well-formed JSON");
        } else {
            violation = new FieldViolation("$", "body", "the request body is missing or unreadable");
        }
        return invalid(List.of(violation));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        return invalid(ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString(),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), v.getMessage()))
                .toList());
    }

    @ExceptionHandler(CommandRefused.class)
    ResponseEntity<Object> commandRefused(CommandRefused ex) {
        HttpStatus status = switch (ex.reason()) {
            case RULE_BROKEN -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        ProblemDetail problem = problem(status, ex.code(), ex.getMessage());
        if (ex.field() != null) {
            problem.setProperty("errors", List.of(new FieldViolation(ex.field(), ex.code(), ex.getMessage())));
        }
        return respond(problem);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandExecution(CommandExecutionException ex) {
        if (ex.getCause() instanceof CommandRefused refused) {
            return commandRefused(refused);
        }
        return unexpected(ex);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
        return respond(problem(HttpStatus.NOT_FOUND, "subject-not-found", "No such subject."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentChange(ConcurrencyException ex) {
        return respond(problem(HttpStatus.CONFLICT, "concurrent-change",
                "The subject was changed by another request at the same moment; read it again and retry."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Your role or site does not allow this request."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("unexpected failure", ex);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request could not be completed; nothing was recorded."));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
            // a refusal Spring MVC made itself (405, 406, 415...): its code is the status's reason in words
            String code = codeOf(statusCode);
            problem.setType(URI.create(PROBLEM_BASE + code));
            problem.setProperty("code", code);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> invalid(List<FieldViolation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request",
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", violations);
        return respond(problem);
    }

    /**
     * The one shape of a refusal: its {@code type} names the rule and {@code code} repeats it for clients that
     * branch on it. Every problem of the services is made here.
     */
    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** "method-not-allowed" for 405 and so on; the number where the status has no standard reason. */
    public static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? Integer.toString(status.value())
                : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static FieldViolation violation(FieldError error) {
        String rule = error.getCode() == null ? "invalid" : error.getCode();
        return new FieldViolation(error.getField(), rule, error.getDefaultMessage());
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : ex.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}
