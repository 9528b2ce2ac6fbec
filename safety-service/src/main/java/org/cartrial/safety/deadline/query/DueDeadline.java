package org.cartrial.safety.deadline.query;

import java.time.Instant;

/**
 * One reporting clock of an adverse event as the SAE-deadline read model holds it. {@code status}: PENDING (running),
 * APPROACHING (within the warning lead of {@code dueAt}), MISSED (overdue, report still not recorded), MET or
 * MET_LATE (the report was recorded, at {@code sentAt}).
 */
public record DueDeadline(
        String adverseEventId,
        String subjectId,
        String siteId,
        String recipient,
        String rule,
        String ctcaeTerm,
        Integer grade,
        Instant awareAt,
        Instant dueAt,
        String status,
        Instant warnedAt,
        Instant missedAt,
        Instant sentAt) {
}
