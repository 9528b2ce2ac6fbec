package org.cartrial.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI 3.0 document of the topics ({@code docs/asyncapi.yaml}) is made from the published language itself:
 * every event of {@link EventCatalogue}, its topic, its CloudEvents headers and the JSON schema of its record. This
 * test fails when the committed document no longer says what the code publishes; rewrite it with
 * {@code mvn -pl trial-api test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true}. (Springwolf would read the
 * Spring Cloud Stream bindings at run time, but is not served by this project's registry.)
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    @Test
    void the_committed_asyncapi_document_describes_every_published_event() throws IOException {
        String expected = YAML.writeValueAsString(document());
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(DOCUMENT, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOCUMENT)).as("docs/asyncapi.yaml exists").isTrue();
        assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
                .as("docs/asyncapi.yaml is stale: rewrite it with -Dasyncapi.write=true").isEqualTo(expected);
    }

    static ObjectNode document() {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Sequential CD19/CD22 CAR-T trial: domain event topics");
        info.put("version", "1");
        info.put("description", "Each bounded context publishes its domain events on one Kafka topic, keyed by"
                + " subject id, records kept forever (retention.ms=-1). Every record carries CloudEvents headers in"
                + " Kafka binary mode; ce_id is the event's id (consumers de-duplicate on it), ce_type names the event"
                + " and its version. Delivery is at least once. System subscribers consume a topic with a consumer"
                + " group of their own; people use the gateway's server-sent-event stream (GET /api/safety/stream,"
                + " see the README). Generated from the published language by AsyncApiDocumentTest.");
        ObjectNode servers = doc.putObject("servers");
        servers.set("embedded", server("127.0.0.1:9092", "The embedded default of ./trial start (KRaft, one node)."));
        servers.set("production", server("kafka:9092", "The docker-compose cluster; set TRIAL_KAFKA_BOOTSTRAP."));

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventHeaders", cloudEventHeaders());

        Map<TrialContext, ObjectNode> channelMessages = new TreeMap<>();
        for (Class<? extends TrialEvent> event : EventCatalogue.EVENTS) {
            TrialContext context = EventCatalogue.contextOf(event);
            String name = event.getSimpleName();
            ObjectNode message = messages.putObject(name);
            message.put("name", EventCatalogue.typeOf(event));
            message.put("title", name);
            message.put("contentType", "application/json");
            message.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
            message.putObject("payload").put("$ref", "#/components/schemas/" + name);
            ObjectNode key = message.putObject("bindings").putObject("kafka").putObject("key");
            key.put("type", "string");
            key.put("description", event == ProtocolAmended.class
                    ? "the protocol's id, " + ProtocolSettings.PROTOCOL_ID + " (every amendment is on one partition, in order)"
                    : "the subject's pseudonymous id (every event of a subject is on one partition)");
            schemas.set(name, schemaOf(event, schemas));
            channelMessages.computeIfAbsent(context, c -> NODES.objectNode())
                    .putObject(name).put("$ref", "#/components/messages/" + name);
        }
        channelMessages.forEach((context, refs) -> {
            String channelName = context.name().toLowerCase() + "Events";
            ObjectNode channel = channels.putObject(channelName);
            channel.put("address", context.topic());
            channel.put("description", "Domain events of the " + context.name().toLowerCase() + " context, written by "
                    + context.service() + " (ce_source " + context.source() + ").");
            channel.set("messages", refs);
            ObjectNode operation = operations.putObject("receive" + capitalised(channelName));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channelName);
            operation.put("summary", "Consume the " + context.name().toLowerCase() + " events (at least once;"
                    + " de-duplicate on ce_id).");
        });
        return doc;
    }

    private static ObjectNode server(String host, String description) {
        ObjectNode server = NODES.objectNode();
        server.put("host", host);
        server.put("protocol", "kafka");
        server.put("description", description);
        return server;
    }

    private static ObjectNode cloudEventHeaders() {
        ObjectNode headers = NODES.objectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        header(properties, "ce_id", "the event's id (the Axon event identifier); the de-duplication key");
        header(properties, "ce_specversion", "1.0");
        header(properties, "ce_type", "org.cartrial.<context>.<Event>.v<version>");
        header(properties, "ce_source", "/cartrial/<service>");
        header(properties, "ce_subject", "the subject's pseudonymous id");
        header(properties, "ce_time", "when the event was recorded (ISO-8601, UTC)");
        header(properties, "ce_actoruser", "who caused it (token subject)");
        header(properties, "ce_actorroles", "the caller's roles, comma-separated");
        ArrayNode required = headers.putArray("required");
        Arrays.asList("ce_id", "ce_specversion", "ce_type", "ce_source", "ce_subject", "ce_time")
                .forEach(required::add);
        return headers;
    }

    private static void header(ObjectNode properties, String name, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
    }

    /** The JSON schema of a record: its components, nested records as named schemas of their own. */
    private static ObjectNode schemaOf(Class<?> record, ObjectNode schemas) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), typeOf(component.getGenericType(), schemas));
            if (component.getType().isPrimitive()) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", true);
        return schema;
    }

    private static ObjectNode typeOf(Type type, ObjectNode schemas) {
        ObjectNode node = NODES.objectNode();
        if (type instanceof ParameterizedType parameterized
                && Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
            node.put("type", "array");
            node.set("items", typeOf(parameterized.getActualTypeArguments()[0], schemas));
            return node;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            node.put("type", "string");
        } else if (raw == LocalDate.class) {
            node.put("type", "string").put("format", "date");
        } else if (raw == Instant.class) {
            node.put("type", "string").put("format", "date-time");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            node.put("type", "integer");
        } else if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
            node.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            node.put("type", "boolean");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).map(Object::toString).forEach(values::add);
        } else if (raw.isRecord()) {
            String name = raw.getEnclosingClass() == null ? raw.getSimpleName()
                    : raw.getEnclosingClass().getSimpleName() + raw.getSimpleName();
            if (!schemas.has(name)) {
                schemas.putObject(name); // reserve the name first: a record may refer to itself
                schemas.set(name, schemaOf(raw, schemas));
            }
            node.put("$ref", "#/components/schemas/" + name);
        } else {
            throw new IllegalArgumentException("no JSON schema for " + type + ": add it here");
        }
        return node;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
