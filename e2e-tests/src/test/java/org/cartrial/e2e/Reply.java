package org.cartrial.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP answer, kept whole so a failed assertion can show exactly what came back. */
record Reply(String request, int status, String contentType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + this, e);
        }
    }

    boolean isProblem() {
        return contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + contentType + " " + body;
    }
}
