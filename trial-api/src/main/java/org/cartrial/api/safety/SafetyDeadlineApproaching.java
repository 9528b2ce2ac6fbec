package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A reporting clock (see {@link SafetyDeadlineSet}) is within its warning lead time of {@code dueAt} and no report
 * was recorded yet. Raised at most once per due moment. {@code occurredOn} is the UTC date of {@code dueAt};
 * {@code ctcaeTerm} and {@code grade} are the adverse event's at that moment.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record SafetyDeadlineApproaching(
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
