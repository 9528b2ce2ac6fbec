package org.cartrial.localstack.cohort;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request of an import, as a site (or the admin) would send it through the gateway: who sends it, where, the
 * body and the Idempotency-Key that makes a re-run replay it instead of recording it twice.
 *
 * @param retryWhile    problem codes that mean "not yet" (another context has not learnt a fact yet): the request
 *                      is sent again after a short back-off
 * @param awaitReadiness what the infusion service must have learnt before the request is sent, or null
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
        Set<String> retryWhile,
        Readiness awaitReadiness,
        Step override,
        Map<String, String> expect) {

    /** Who sends a request: the admin, or the staff of the subject's own site. */
    public enum Actor {
        ADMIN, SITE_COORDINATOR, INVESTIGATOR
    }

    /** The assessments and adverse events the infusion service's readiness must list before the CD22 infusion. */
    public record Readiness(Set<String> assessmentIds, Set<String> adverseEventIds) {

        public Readiness {
            assessmentIds = Set.copyOf(assessmentIds);
            adverseEventIds = Set.copyOf(adverseEventIds);
        }
    }

    public Step {
        retryWhile = Set.copyOf(retryWhile);
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    }

    /** A plain POST: no retry codes, no readiness, no override, nothing to check. */
    static Step post(String subjectId, String siteId, String name, Actor actor, String path, ObjectNode body,
            String idempotencyKey) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, Set.of(), null, null, Map.of());
    }

    Step retryingWhile(String... codes) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, Set.of(codes), awaitReadiness,
                override, expect);
    }

    Step expecting(Map<String, String> checks) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, retryWhile, awaitReadiness,
                override, checks);
    }

    Step afterReadiness(Readiness readiness, Step overrideStep) {
        return new Step(subjectId, siteId, name, actor, path, body, idempotencyKey, retryWhile, readiness,
                overrideStep, expect);
    }
}
