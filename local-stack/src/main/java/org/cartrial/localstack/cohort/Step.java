package org.cartrial.localstack.cohort;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request of an import, as a site (or the admin) would send it through the gateway: who sends it, where, the
 * body and the Idempotency-Key that makes a re-run replay it instead of recording it twice.
 *
 * @param override      sent instead when the request is refused by the CD22 gate (or, on a re-run, because the
 *                      infusion it would record exists already), or null
 * @param expect        JSON pointers into the answer and the text each should have (null: absent), to check that
 *                      the platform derived what the cohort says
 */
public record Step(
        String subjectId,
        String siteId,
        String name,
        Actor actor,
        String path,
        ObjectNode body,
        String idempotencyKey,
        Step override,
        Map<String, String> expect) {

    /** Who sends a request: the admin, or the staff of the subject's own site. */
    public enum Actor {
        ADMIN, SITE_COORDINATOR, INVESTIGATOR
    }

    public Step {
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    }

    /** A plain POST: no override, nothing to check. */
    static Step post(String subjectId, String siteId, String name, Actor actor, String path, ObjectNode body,
            String idempotencyKey) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, null, Map.of());
    }

    Step expecting(Map<String, String> checks) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, override, checks);
    }

    Step overriddenBy(Step overrideStep) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, overrideStep, expect);
    }
}
