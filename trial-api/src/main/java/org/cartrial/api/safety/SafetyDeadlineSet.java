package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A reporting clock of an adverse event started, or was brought forward (protocol section 3). {@code recipient} is
 * SPONSOR (a serious adverse event: the site reports it to the sponsor within the SAE window, 24 hours by default)
 * or REGULATOR (a SUSAR: 7 calendar days if fatal or life-threatening, 15 otherwise). {@code rule} names the rule
 * that set the clock: SAE_REPORT_TO_SPONSOR, SUSAR_FATAL_OR_LIFE_THREATENING or SUSAR_OTHER. The clock runs from
 * {@code awareAt} (the moment the platform recorded the event that made the adverse event qualify) to
 * {@code dueAt}. {@code previousDueAt} is null when the clock starts and the earlier due moment when a SUSAR
 * that became fatal or life-threatening brought the regulator clock forward. {@code occurredOn} is the UTC date
 * of {@code awareAt}; {@code ctcaeTerm} and {@code grade} are the adverse event's at that moment.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record SafetyDeadlineSet(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String adverseEventId,
        String recipient,
        String rule,
        Instant awareAt,
        Instant dueAt,
        Instant previousDueAt,
        String ctcaeTerm,
        int grade) implements TrialEvent {
}
