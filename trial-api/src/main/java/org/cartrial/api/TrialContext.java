package org.cartrial.api;

/** The bounded contexts of the trial; each owns one Kafka topic of domain events. */
public enum TrialContext {
    ENROLLMENT("enrollment-service"),
    INFUSION("infusion-service"),
    SAFETY("safety-service"),
    OUTCOMES("outcomes-service");

    private final String service;

    TrialContext(String service) {
        this.service = service;
    }

    /** The service that owns the context's write side and emits its events. */
    public String service() {
        return service;
    }

    /** The Kafka topic that carries the context's events, keyed by subject id. */
    public String topic() {
        return "trial." + name().toLowerCase() + ".events";
    }

    /** CloudEvents {@code ce_source} of the context's events. */
    public String source() {
        return "/cartrial/" + service;
    }
}
