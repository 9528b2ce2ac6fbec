package org.cartrial.safety.adverseevent.domain;

import java.util.Locale;

/**
 * The CTCAE v5 terms whose grade the platform computes instead of taking it typed: cytokine release syndrome and
 * immune effector cell-associated neurotoxicity syndrome, recognised whatever their case or spacing, or by their
 * abbreviations, and stored under their CTCAE spelling.
 */
public final class AdverseEventTerms {

    public static final String CYTOKINE_RELEASE_SYNDROME = "Cytokine release syndrome";
    public static final String ICANS = "Immune effector cell-associated neurotoxicity syndrome";

    private AdverseEventTerms() {
    }

    /** The term as stored: white space tidied, CRS and ICANS in their CTCAE spelling. */
    public static String canonical(String term) {
        String tidy = term.strip().replaceAll("\\s+", " ");
        String key = tidy.toLowerCase(Locale.ROOT);
        if (key.equals(CYTOKINE_RELEASE_SYNDROME.toLowerCase(Locale.ROOT)) || key.equals("crs")) {
            return CYTOKINE_RELEASE_SYNDROME;
        }
        if (key.equals(ICANS.toLowerCase(Locale.ROOT)) || key.equals("icans")) {
            return ICANS;
        }
        return tidy;
    }

    public static boolean isCrs(String term) {
        return CYTOKINE_RELEASE_SYNDROME.equals(canonical(term));
    }

    public static boolean isIcans(String term) {
        return ICANS.equals(canonical(term));
    }
}
