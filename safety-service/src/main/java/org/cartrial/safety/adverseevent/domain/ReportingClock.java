package org.cartrial.safety.adverseevent.domain;

import java.time.Instant;

/**
 * One reporting clock of an adverse event as its events left it: set by {@code rule} at {@code awareAt}, due at
 * {@code dueAt}; whether the warning was raised and the deadline missed for this due moment, and whether the report
 * was recorded (which closes the clock).
 */
public record ReportingClock(ReportingRule rule, Instant awareAt, Instant dueAt, boolean warned, boolean missed,
        boolean met) {

    static ReportingClock set(ReportingRule rule, Instant awareAt, Instant dueAt) {
        return new ReportingClock(rule, awareAt, dueAt, false, false, false);
    }

    public ReportRecipient recipient() {
        return rule.recipient();
    }

    public boolean open() {
        return !met;
    }

    ReportingClock withWarning() {
        return new ReportingClock(rule, awareAt, dueAt, true, missed, met);
    }

    ReportingClock withDeadlineMissed() {
        return new ReportingClock(rule, awareAt, dueAt, warned, true, met);
    }

    ReportingClock withReportSent() {
        return new ReportingClock(rule, awareAt, dueAt, warned, missed, true);
    }
}
