package org.cartrial.localstack.cohort;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code import-cohort FILE --dry-run}: the requests an import would send, one JSON line each, nothing sent. */
public final class DryRun {

    private DryRun() {
    }

    public static int print(CohortFile file, CohortRequests requests, PrintStream out) {
        List<Step> steps = new ArrayList<>(requests.siteRegistrations(file.rows()));
        for (CohortRow row : file.rows()) {
            steps.addAll(requests.subject(row));
        }
        for (Step step : steps) {
            out.println(line(step));
            if (step.override() != null) {
                out.println(line(step.override()).put("onlyIf", CohortImport.GATE_CLOSED));
            }
        }
        return 0;
    }

    private static ObjectNode line(Step step) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("step", step.name())
                .put("actor", step.actor().name()).put("site", step.siteId()).put("method", "POST")
                .put("path", step.path()).put("idempotencyKey", step.idempotencyKey());
        line.set("body", step.body());
        return line;
    }
}
