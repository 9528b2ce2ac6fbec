package org.cartrial.safety.adverseevent.domain;

import java.util.Locale;

/**
 * Who a report about an adverse event goes to: the site reports a serious adverse event to the SPONSOR; the
 * sponsor reports a SUSAR to the REGULATOR. Each recipient has one reporting clock per adverse event.
 */
public enum ReportRecipient {
    SPONSOR,
    REGULATOR;

    /** The name of the clock's deadlines (warning and due) in the deadline manager, one per recipient. */
    public String deadlineName() {
        return "reporting-clock-" + name().toLowerCase(Locale.ROOT);
    }
}
