package org.cartrial.safety.adverseevent.domain;

/** The rule that set a reporting clock (protocol section 3, ICH E2A). */
public enum ReportingRule {
    /** A serious adverse event: the site reports it to the sponsor within the SAE window (24 hours by default). */
    SAE_REPORT_TO_SPONSOR(ReportRecipient.SPONSOR),
    /** A fatal or life-threatening SUSAR: reported to the regulator within 7 calendar days. */
    SUSAR_FATAL_OR_LIFE_THREATENING(ReportRecipient.REGULATOR),
    /** Any other SUSAR: reported to the regulator within 15 calendar days. */
    SUSAR_OTHER(ReportRecipient.REGULATOR);

    private final ReportRecipient recipient;

    ReportingRule(ReportRecipient recipient) {
        this.recipient = recipient;
    }

    public ReportRecipient recipient() {
        return recipient;
    }
}
