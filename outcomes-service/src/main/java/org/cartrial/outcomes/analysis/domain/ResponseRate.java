package org.cartrial.outcomes.analysis.domain;

/**
 * The primary endpoint: CR/CRi assessed on study days 0 to 97 among all infused subjects (non-evaluable subjects are
 * non-responders), with its exact CI; and, for context, remissions at any time and those seen only after the window.
 */
public record ResponseRate(int count, int n, Double proportion, Double ciLower, Double ciUpper, int crCriAnyTime,
        int crCriOnlyAfterWindow) {

    static ResponseRate of(int responders, int infused, int remissionAnyTime, int remissionOnlyAfterWindow) {
        ExactProportion rate = ExactProportion.of(responders, infused);
        return new ResponseRate(responders, infused, rate.proportion(), rate.lower(), rate.upper(), remissionAnyTime,
                remissionOnlyAfterWindow);
    }
}
