package org.cartrial.support.events;

/** A record that can never be handled (unreadable, unknown type): retrying cannot help, it goes to the DLQ. */
public class PoisonEvent extends RuntimeException {
    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
