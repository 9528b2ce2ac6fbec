package org.cartrial.outcomes.export.domain;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A subject's audited items (the values of its adverse events and course facts, and their changes) as recorded up to
 * a moment.
 */
public record SubjectAudit(String subjectId, String siteId, List<AuditedItem> items) {

    public SubjectAudit {
        items = List.copyOf(items);
    }

    /** The latest value of every item of a group, per repeat (repeat key -> item -> value), in repeat-key order. */
    public NavigableMap<String, Map<String, String>> latest(String itemGroup) {
        NavigableMap<String, Map<String, String>> latest = new TreeMap<>();
        for (AuditedItem item : items) {
            if (item.itemGroup().equals(itemGroup)) {
                latest.computeIfAbsent(item.repeatKey(), k -> new java.util.HashMap<>())
                        .put(item.item(), item.changes().get(item.changes().size() - 1).newValue());
            }
        }
        return latest;
    }
}
