package org.cartrial.outcomes.analysis.domain;

import java.util.List;

/** A landmark time on the endpoint clock, given in months of 30.4375 days (protocol section 5). */
public record Landmark(int months, double time) {

    public static final double DAYS_PER_MONTH = 30.4375;

    /** Landmark survival is reported at 6, 12, 18 and 24 months (protocol section 6). */
    public static final List<Landmark> PROTOCOL = List.of(months(6), months(12), months(18), months(24));

    public static Landmark months(int months) {
        return new Landmark(months, months * DAYS_PER_MONTH);
    }
}
