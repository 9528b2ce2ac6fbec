package org.cartrial.outcomes.analysis.domain;

/** One subject's time on an endpoint's clock (days) and whether it ended with the event or was censored. */
public record TimeToEvent(double time, boolean event) {

    public static TimeToEvent event(double time) {
        return new TimeToEvent(time, true);
    }

    public static TimeToEvent censored(double time) {
        return new TimeToEvent(time, false);
    }
}
