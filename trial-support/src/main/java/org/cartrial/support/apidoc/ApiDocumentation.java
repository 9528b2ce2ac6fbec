package org.cartrial.support.apidoc;

import java.util.Map;
import java.util.Set;

import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.support.consistency.ConsistencyFilter;
import org.cartrial.support.idempotency.IdempotencyKeyFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document of every service (springdoc reads the controllers and the request records with their Bean
 * Validation constraints); what every endpoint shares is added here once: the bearer token, the problem+json
 * answers, the Idempotency-Key of writes and the read-your-writes headers. Served at
 * {@code /api/<context>/v3/api-docs}, so the gateway routes it like the rest of the context.
 */
@AutoConfiguration
public class ApiDocumentation {

    private static final String BEARER = "bearer-jwt";
    private static final String PROBLEM = "Problem";
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);
    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Invalid request: `errors[]` names each field and the rule it breaks; nothing is stored",
            "401", "No valid bearer token (missing, expired, wrong issuer or audience)",
            "403", "The token's role may not do this",
            "404", "No such resource, or it belongs to a site the caller does not act for",
            "409", "Conflicts with what is recorded (e.g. already recorded, Idempotency-Key in use)",
            "422", "A protocol rule refuses the command: `code` and `errors[]` name the rule; nothing is stored");

    @Bean
    OpenApiCustomizer trialApiConventions(@Value("${trial.context}") String context,
            @Value("${spring.application.name:service}") String service) {
        return openApi -> {
            openApi.info(new Info().title("CAR-T trial platform: " + context + " (" + service + ")").version("1")
                    .description("Every call needs an RS256 bearer token (`./trial token --role ...` in the embedded"
                            + " default). Refusals are RFC 9457 problem+json. Read-your-writes: send back the "
                            + ConsistencyToken.HEADER + " header of your last write answer (README)."));
            openApi.servers(null);
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT"));
            components.addSchemas(PROBLEM, problemSchema());
            openApi.components(components);
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                operation.addParametersItem(consistencyParameter());
                if (WRITES.contains(method)) {
                    operation.addParametersItem(new HeaderParameter().name(IdempotencyKeyFilter.HEADER)
                            .required(false).schema(new StringSchema().pattern("[\\x21-\\x7e]{1,200}"))
                            .description("Makes the write safe to retry: a retry with the same key gets the first"
                                    + " answer (Idempotent-Replayed: true); the same key with another body is 422."));
                }
                problems(operation, WRITES.contains(method), path.contains("{"));
            }));
        };
    }

    private static Parameter consistencyParameter() {
        return new HeaderParameter().name(ConsistencyToken.HEADER).required(false)
                .schema(new StringSchema().example("trial.enrollment.events:2:17,trial.outcomes.events:0:5"))
                .description("The token of your last write answer: the request is served once this service's read"
                        + " models applied those events (bounded wait; then served, marked "
                        + ConsistencyFilter.STALE_HEADER + ").");
    }

    private static void problems(Operation operation, boolean write, boolean hasPathId) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (String status : new String[] {"400", "401", "403", "404", "409", "422"}) {
            boolean applies = switch (status) {
                case "404" -> hasPathId || write;
                case "409", "422" -> write;
                default -> true;
            };
            if (applies && !responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().description(PROBLEMS.get(status))
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        }
        if (write) {
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(ConsistencyToken.HEADER, new Header().schema(new StringSchema())
                            .description("Where this write's events are on Kafka, merged with the token sent:"
                                    + " send it with your next request"));
                    response.addHeaderObject(ConsistencyFilter.PENDING_HEADER, new Header()
                            .schema(new StringSchema()._enum(java.util.List.of("true")))
                            .description("Stored, but the token lacks some event's position"));
                }
            });
        }
        operation.setResponses(responses);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema violation = new ObjectSchema()
                .addProperty("field", new StringSchema().example("cd19ExpressionPercent"))
                .addProperty("rule", new StringSchema().example("NotNull"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("https://cartrial.org/problems/invalid-request"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("invalid-request"))
                .addProperty("errors", new ArraySchema().items(violation));
    }
}
