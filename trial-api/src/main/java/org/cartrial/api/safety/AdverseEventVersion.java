package org.cartrial.api.safety;

import org.cartrial.api.TrialEvent;

/**
 * An event that gives an adverse event's whole state: its report, a follow-up, a correction or a recoding. A
 * consumer reads {@link #details()} whichever of them arrives, so an update or a correction counts wherever the
 * report counts; the latest version recorded (by the event's recording time) is the adverse event as known then.
 */
public sealed interface AdverseEventVersion extends TrialEvent
        permits AdverseEventReported, AdverseEventUpdated, AdverseEventCorrected, AdverseEventRecoded {

    String adverseEventId();

    /** The adverse event's whole state after this event. */
    AdverseEventDetails details();

    /** Why this version exists, in words for an audit trail: "reported", the follow-up's changes or the reason. */
    String why();
}
