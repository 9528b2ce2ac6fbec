package org.cartrial.safety.adverseevent.domain;

/** What became of an adverse event. A resolution date belongs to a recovered (or fatal) outcome only. */
public enum AdverseEventOutcome {
    RECOVERED,
    RECOVERED_WITH_SEQUELAE,
    RECOVERING,
    NOT_RECOVERED,
    FATAL,
    UNKNOWN;

    /** Recovered, with or without sequelae: the resolution date is then required. */
    public boolean resolved() {
        return this == RECOVERED || this == RECOVERED_WITH_SEQUELAE;
    }

    /** Whether the adverse event may have a resolution date (for a fatal one: the date of death, if given). */
    public boolean admitsResolutionDate() {
        return resolved() || this == FATAL;
    }
}
