package org.cartrial.api;

/**
 * A command broke a rule of the protocol or of the subject's state, so nothing was recorded. Thrown by the
 * domain, turned into an RFC 9457 problem by the web layer: {@code code} is stable, {@code field} names the
 * input at fault where there is one.
 */
public class CommandRefused extends RuntimeException {

    /** Why it was refused, which decides the HTTP status. */
    public enum Reason {
        /** The input contradicts a protocol rule (422). */
        RULE_BROKEN,
        /** The subject's current state forbids it, e.g. a second enrolment (409). */
        CONFLICT,
        /** No such subject, or not one the caller may see (404). */
        NOT_FOUND
    }

    private final Reason reason;
    private final String code;
    private final String field;

    public CommandRefused(Reason reason, String code, String field, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
        this.field = field;
    }

    public static CommandRefused ruleBroken(String code, String field, String message) {
        return new CommandRefused(Reason.RULE_BROKEN, code, field, message);
    }

    public static CommandRefused conflict(String code, String message) {
        return new CommandRefused(Reason.CONFLICT, code, null, message);
    }

    public static CommandRefused notFound(String code, String message) {
        return new CommandRefused(Reason.NOT_FOUND, code, null, message);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
