package org.cartrial.safety.adverseevent.web;

/** What an id or a code looks like on the way in. */
final class Patterns {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";
    static final String SUBJECT_ID_MESSAGE = "must be a pseudonymous id of 1-40 letters, digits or '-'";
    static final String SITE_ID = "[A-Z0-9]{2,10}";
    static final String SITE_ID_MESSAGE = "must be a site code of 2-10 capitals or digits";
    static final String MEDDRA_CODE = "[0-9]{8}";
    static final String MEDDRA_CODE_MESSAGE = "must be an 8-digit MedDRA code";
    static final String RELATIONSHIP = "unrelated|unlikely|possible|probable|definite";
    static final String RELATIONSHIP_MESSAGE = "must be one of unrelated, unlikely, possible, probable, definite";

    private Patterns() {
    }
}
