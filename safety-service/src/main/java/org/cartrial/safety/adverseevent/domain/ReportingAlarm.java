package org.cartrial.safety.adverseevent.domain;

import java.time.Instant;

/**
 * The payload of a scheduled deadline of a reporting clock: the warning ahead of {@code dueAt}, or {@code dueAt}
 * itself. It names the due moment it was scheduled for, so an alarm of a clock that was brought forward or closed
 * since finds nothing to do.
 */
public record ReportingAlarm(ReportRecipient recipient, Kind kind, Instant dueAt) {

    public enum Kind {
        WARNING,
        DUE
    }
}
