package org.cartrial.e2e;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generated bad input for every write endpoint, sent through the gateway: each field of a request removed, given
 * a wrong type, a MongoDB operator ({@code {"$gt": ""}}), nested arrays, out-of-range numbers, impossible or future
 * dates, unknown enum words and oversized text; whole bodies that are empty, not JSON, invalid UTF-8, huge, of the
 * wrong media type or with an extra field; operator injection in path ids and query filters. Each base request is
 * one the domain refuses even when well-formed (a site registered already, an unregistered site, a protocol version
 * that exists, another site's subject, an unknown subject or adverse event), so no probe can store an event whatever
 * the validation lets through; a probe that is accepted anyway is a finding.
 * Filters stay under the gateway's 4 KB request line: beyond it the gateway answers a 414 problem.
 */
final class BadInputSweep {

    /** One write (or filtered read) endpoint: its path, the token of a caller allowed on it, a base body. */
    record Endpoint(String path, String token, String baseBody) {
    }

    record Probe(String endpoint, String what, String path, String token, String contentType, byte[] body,
            boolean get) {
    }

    /** What came back: status counts, and every answer that was not a 4xx problem. */
    record Result(int probes, Map<Integer, Integer> statuses, List<String> notA4xxProblem) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String INJECTION = "{\"$gt\": \"\"}";
    /** The path id of every base request that names a subject or adverse event: one that exists nowhere. */
    static final String PATH_ID = "S01-NOSUCH";

    private BadInputSweep() {
    }

    static List<Probe> probes(List<Endpoint> writes, List<Endpoint> filteredReads) {
        List<Probe> probes = new ArrayList<>();
        for (Endpoint endpoint : writes) {
            ObjectNode base = parse(endpoint.baseBody());
            byte[] valid = endpoint.baseBody().getBytes(StandardCharsets.UTF_8);
            probes.add(post(endpoint, "empty body", new byte[0]));
            probes.add(post(endpoint, "JSON null", bytes("null")));
            probes.add(post(endpoint, "an array, not an object", bytes("[" + endpoint.baseBody() + "]")));
            probes.add(post(endpoint, "truncated JSON", Arrays.copyOf(valid, valid.length / 2)));
            probes.add(post(endpoint, "invalid UTF-8", invalidUtf8(endpoint.baseBody())));
            probes.add(post(endpoint, "huge body (3 MB)", bytes(with(base, "padding",
                    NODES.textNode("x".repeat(3 * 1024 * 1024))).toString())));
            probes.add(post(endpoint, "extra field", bytes(with(base, "unexpectedField", NODES.numberNode(1)).toString())));
            probes.add(post(endpoint, "operator as the body", bytes("{\"$where\": \"sleep(1000)\"}")));
            probes.add(new Probe(endpoint.path(), "text/plain media type", endpoint.path(), endpoint.token(),
                    "text/plain", valid, false));
            mutateFields(endpoint, base, base, "", probes);
        }
        for (Endpoint endpoint : writes) {
            if (!endpoint.path().contains(PATH_ID)) {
                continue;
            }
            for (String id : List.of(INJECTION, "$where", "..%2F..%2Factuator", "S01-0001'--", "x".repeat(41),
                    "%00", "S01 0001")) {
                String path = endpoint.path().replace(PATH_ID, id.startsWith("..") || id.startsWith("%")
                        ? id : URLEncoder.encode(id, StandardCharsets.UTF_8));
                probes.add(new Probe(endpoint.path(), "path id " + abbreviate(id), path, endpoint.token(),
                        "application/json", bytes(endpoint.baseBody()), false));
            }
        }
        for (Endpoint read : filteredReads) {
            for (String value : List.of(INJECTION, "$where", "{\"$ne\":null}", "S01' || '1'=='1", "x".repeat(3000),
                    "\u0000", "../../admin")) {
                String path = read.path().replace("{value}", URLEncoder.encode(value, StandardCharsets.UTF_8));
                probes.add(new Probe(read.path(), "filter " + abbreviate(value), path, read.token(), null, null, true));
            }
        }
        return probes;
    }

    /** Every field (nested ones too) removed and replaced by values no rule should accept. */
    private static void mutateFields(Endpoint endpoint, ObjectNode root, ObjectNode node, String prefix,
            List<Probe> probes) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
        fields.forEachRemaining(copy::add);
        for (Map.Entry<String, JsonNode> field : copy) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            probes.add(mutated(endpoint, root, node, field.getKey(), name + " removed", null));
            probes.add(mutated(endpoint, root, node, field.getKey(), name + " = {\"$gt\": \"\"}", parse(INJECTION)));
            probes.add(mutated(endpoint, root, node, field.getKey(), name + " = [[[]]]", parseAny("[[[]]]")));
            if (value.isNumber()) {
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " = \"abc\"", NODES.textNode("abc")));
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " = -1e9", NODES.numberNode(-1e9)));
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " = 1e12", NODES.numberNode(1e12)));
            } else if (value.isBoolean()) {
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " = \"maybe\"", NODES.textNode("maybe")));
            } else if (value.isTextual()) {
                String text = value.asText();
                if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    probes.add(mutated(endpoint, root, node, field.getKey(), name + " in the future",
                            NODES.textNode("2999-01-01")));
                    probes.add(mutated(endpoint, root, node, field.getKey(), name + " = 2026-02-30",
                            NODES.textNode("2026-02-30")));
                    probes.add(mutated(endpoint, root, node, field.getKey(), name + " = not-a-date",
                            NODES.textNode("not-a-date")));
                } else if (text.matches("[A-Z][A-Z0-9_]+")) {
                    probes.add(mutated(endpoint, root, node, field.getKey(), name + " unknown word",
                            NODES.textNode("NOT_A_WORD")));
                }
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " 100,000 characters",
                        NODES.textNode("x".repeat(100_000))));
                probes.add(mutated(endpoint, root, node, field.getKey(), name + " = {\"$regex\": \".*\"}",
                        parse("{\"$regex\": \".*\"}")));
            } else if (value.isObject()) {
                mutateFields(endpoint, root, (ObjectNode) value, name + ".", probes);
            }
        }
    }

    private static Probe mutated(Endpoint endpoint, ObjectNode root, ObjectNode node, String field, String what,
            JsonNode replacement) {
        JsonNode original = node.get(field);
        if (replacement == null) {
            node.remove(field);
        } else {
            node.set(field, replacement);
        }
        byte[] body = bytes(root.toString());
        node.set(field, original);
        return post(endpoint, what, body);
    }

    /** Sends every probe; a probe answered by anything but a 4xx problem is listed with its answer. */
    static Result run(GatewayClient gateway, List<Probe> probes) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes) {
            Reply reply;
            try {
                reply = probe.get() ? gateway.get(probe.path(), probe.token())
                        : gateway.postBytes(probe.path(), probe.token(), probe.contentType(), probe.body());
            } catch (RuntimeException e) {
                wrong.add(probe.endpoint() + " [" + probe.what() + "] -> no answer: " + e);
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() / 100 != 4 || !reply.isProblem()) {
                wrong.add(probe.endpoint() + " [" + probe.what() + "] -> " + reply.status() + " "
                        + reply.contentType() + " " + abbreviate(reply.body()));
            }
        }
        return new Result(probes.size(), statuses, wrong);
    }

    private static Probe post(Endpoint endpoint, String what, byte[] body) {
        return new Probe(endpoint.path(), what, endpoint.path(), endpoint.token(), "application/json", body, false);
    }

    private static byte[] invalidUtf8(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] valid = json.getBytes(StandardCharsets.UTF_8);
        int quote = json.indexOf(":\"") + 2;
        out.write(valid, 0, quote);
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.write(valid, quote, valid.length - quote);
        return out.toByteArray();
    }

    private static ObjectNode with(ObjectNode base, String field, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(field, value);
        return copy;
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) parseAny(json);
    }

    private static JsonNode parseAny(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
