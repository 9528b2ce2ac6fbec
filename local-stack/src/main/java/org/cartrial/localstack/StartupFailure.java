package org.cartrial.localstack;

/** A process of the embedded system did not come up; the message names it and ends with the tail of its log. */
public final class StartupFailure extends RuntimeException {

    private final Component component;

    StartupFailure(Component component, String message) {
        super(message);
        this.component = component;
    }

    /** The process that failed, or null when the start-up as a whole was refused or interrupted. */
    public Component component() {
        return component;
    }
}
