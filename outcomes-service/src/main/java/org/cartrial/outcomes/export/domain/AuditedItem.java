package org.cartrial.outcomes.export.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a subject's record as it changed over time, for the ODM audit trail: each change says what the value
 * became, what it was before (null on the first record), who recorded it, when, why, and the event that carried it.
 */
public record AuditedItem(String itemGroup, String repeatKey, String item, List<Change> changes) {

    public record Change(String oldValue, String newValue, String user, Instant at, String reason, String eventId) {
    }

    /** One recorded state of an item group (e.g. an adverse event after its report, a follow-up or a correction). */
    public record Recorded(String repeatKey, Instant at, String eventId, String user, String reason,
            Map<String, String> values) {
    }

    /**
     * The changes of every item of a group from its recorded states, in the order they were recorded (the event id
     * breaks a tie): an item enters when first given a value and then at every state where its value differs.
     */
    public static List<AuditedItem> of(String itemGroup, List<Recorded> states) {
        Map<String, List<Recorded>> byKey = new LinkedHashMap<>();
        states.stream().sorted(Comparator.comparing(Recorded::repeatKey).thenComparing(Recorded::at)
                .thenComparing(Recorded::eventId)).forEach(s -> byKey.computeIfAbsent(s.repeatKey(), k -> new ArrayList<>()).add(s));
        List<AuditedItem> items = new ArrayList<>();
        for (Map.Entry<String, List<Recorded>> group : byKey.entrySet()) {
            Map<String, List<Change>> changes = new LinkedHashMap<>();
            Map<String, String> current = new LinkedHashMap<>();
            for (Recorded state : group.getValue()) {
                for (Map.Entry<String, String> value : state.values().entrySet()) {
                    String before = current.get(value.getKey());
                    boolean known = current.containsKey(value.getKey());
                    if (known && Objects.equals(before, value.getValue()) || !known && value.getValue() == null) {
                        continue;
                    }
                    current.put(value.getKey(), value.getValue());
                    changes.computeIfAbsent(value.getKey(), k -> new ArrayList<>()).add(new Change(before,
                            value.getValue(), state.user(), state.at(), state.reason(), state.eventId()));
                }
            }
            changes.forEach((item, list) -> items.add(new AuditedItem(itemGroup, group.getKey(), item, list)));
        }
        return items;
    }
}
