package org.cartrial.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What every domain event of the trial carries: the pseudonymous subject and its site, the clinical date the
 * event describes and the moment it was recorded. Who recorded it, and why, travels in the event's metadata.
 */
public interface TrialEvent {
    String subjectId();

    String siteId();

    /** The clinical date the event describes (screening date, infusion date, onset date...). */
    LocalDate occurredOn();

    /** When the platform recorded it (UTC). */
    Instant recordedAt();
}
