package org.cartrial.safety.adverseevent.domain;

import java.time.Duration;
import java.util.Objects;

import org.cartrial.api.protocol.ProtocolSettings;

/**
 * The reporting windows and how long before each deadline the platform warns. The sponsor window is a protocol
 * setting and is taken from the protocol version in force ({@link #under}); the regulator's windows are regulation
 * (ICH E2A) and the warning leads operations, both configured. Windows run from
 * awareness, the moment the platform recorded the event that made the adverse event qualify; calendar days are
 * counted as whole 24-hour days from that moment, which is never later than the end of the calendar day.
 *
 * @param sponsorWindow            serious adverse event to the sponsor (24 hours by default)
 * @param regulatorFatalWindow     fatal or life-threatening SUSAR to the regulator (7 days)
 * @param regulatorOtherWindow     any other SUSAR to the regulator (15 days)
 * @param sponsorWarningLead       how long before the sponsor deadline SafetyDeadlineApproaching is raised
 * @param regulatorWarningLead     how long before the regulator deadline SafetyDeadlineApproaching is raised
 * @param sponsorWindowFixed       the sponsor window replaces the protocol's (a test or demonstration shortens it
 *                                 to seconds); false in a trial, where the protocol version in force decides
 */
public record ReportingRules(
        Duration sponsorWindow,
        Duration regulatorFatalWindow,
        Duration regulatorOtherWindow,
        Duration sponsorWarningLead,
        Duration regulatorWarningLead,
        boolean sponsorWindowFixed) {

    /** Rules whose sponsor window the protocol version in force decides (the window given is version 1.0's). */
    public ReportingRules(Duration sponsorWindow, Duration regulatorFatalWindow, Duration regulatorOtherWindow,
            Duration sponsorWarningLead, Duration regulatorWarningLead) {
        this(sponsorWindow, regulatorFatalWindow, regulatorOtherWindow, sponsorWarningLead, regulatorWarningLead,
                false);
    }

    public ReportingRules {
        requirePositive(sponsorWindow, "sponsorWindow");
        requirePositive(regulatorFatalWindow, "regulatorFatalWindow");
        requirePositive(regulatorOtherWindow, "regulatorOtherWindow");
        requirePositive(sponsorWarningLead, "sponsorWarningLead");
        requirePositive(regulatorWarningLead, "regulatorWarningLead");
        if (regulatorFatalWindow.compareTo(regulatorOtherWindow) > 0) {
            throw new IllegalArgumentException("the fatal/life-threatening SUSAR window cannot be longer than the"
                    + " other SUSAR window");
        }
    }

    /** Protocol version 1.0: 24 hours to the sponsor, 7 and 15 days to the regulator; warn 4 hours and 2 days ahead. */
    public static ReportingRules protocolDefaults() {
        return new ReportingRules(Duration.ofHours(ProtocolSettings.VERSION_1_0.saeReportHours()), Duration.ofDays(7),
                Duration.ofDays(15), Duration.ofHours(4), Duration.ofDays(2));
    }

    /** These rules with the sponsor window of {@code protocol} (a complete version), unless the window is fixed. */
    public ReportingRules under(ProtocolSettings protocol) {
        if (sponsorWindowFixed) {
            return this;
        }
        return new ReportingRules(Duration.ofHours(protocol.saeReportHours()), regulatorFatalWindow,
                regulatorOtherWindow, sponsorWarningLead, regulatorWarningLead, false);
    }

    public Duration window(ReportingRule rule) {
        return switch (rule) {
            case SAE_REPORT_TO_SPONSOR -> sponsorWindow;
            case SUSAR_FATAL_OR_LIFE_THREATENING -> regulatorFatalWindow;
            case SUSAR_OTHER -> regulatorOtherWindow;
        };
    }

    public Duration warningLead(ReportRecipient recipient) {
        return recipient == ReportRecipient.SPONSOR ? sponsorWarningLead : regulatorWarningLead;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
