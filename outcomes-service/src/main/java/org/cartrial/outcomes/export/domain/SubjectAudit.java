package org.cartrial.outcomes.export.domain;

import java.util.List;

/** A subject's audited items (its adverse events' values and their changes) as recorded up to a moment. */
public record SubjectAudit(String subjectId, String siteId, List<AuditedItem> items) {

    public SubjectAudit {
        items = List.copyOf(items);
    }
}
