package org.cartrial.safety.grading.domain;

import java.util.Collection;

/**
 * How much vasopressor support a subject's blood pressure needs, worked out from the agents running (ASTCT 2019):
 * one vasopressor with or without vasopressin (vasopressin alone counts as one) is CRS grade 3; several
 * vasopressors, vasopressin not counted, grade 4.
 */
public enum VasopressorSupport {
    NONE,
    ONE_WITH_OR_WITHOUT_VASOPRESSIN,
    SEVERAL_EXCLUDING_VASOPRESSIN;

    public static VasopressorSupport of(Collection<Vasopressor> agents) {
        long countingAgents = agents.stream().filter(a -> a != Vasopressor.VASOPRESSIN).distinct().count();
        if (countingAgents >= 2) {
            return SEVERAL_EXCLUDING_VASOPRESSIN;
        }
        return agents.isEmpty() ? NONE : ONE_WITH_OR_WITHOUT_VASOPRESSIN;
    }
}
