package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A reporting clock (see {@link SafetyDeadlineSet}) passed {@code dueAt} with no report recorded: the sponsor
 * (SAE) or regulator (SUSAR) report is overdue. The clock stays open until the report is recorded
 * ({@link SafetyDeadlineMet} with {@code onTime} false). {@code occurredOn} is the UTC date of {@code dueAt}.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record SafetyDeadlineMissed(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String recipient,
        String rule,
        Instant awareAt,
        Instant dueAt,
        String ctcaeTerm,
        int grade) implements TrialEvent {
}
