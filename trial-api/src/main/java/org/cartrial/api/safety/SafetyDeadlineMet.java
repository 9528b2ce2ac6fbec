package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * The report a reporting clock (see {@link SafetyDeadlineSet}) waited for was sent to {@code recipient} at
 * {@code sentAt}, which closes the clock. {@code onTime} is false when it was sent after {@code dueAt} (a
 * {@link SafetyDeadlineMissed} was then raised before). {@code occurredOn} is the UTC date of {@code sentAt}.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record SafetyDeadlineMet(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String recipient,
        String rule,
        Instant awareAt,
        Instant dueAt,
        Instant sentAt,
        boolean onTime,
        String ctcaeTerm,
        int grade) implements TrialEvent {
}
